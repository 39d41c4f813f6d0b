package dev.zennas.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StructureTest {

    @Test
    void everyReleasedStringRoundTripsByteForByte() {
        assertThat(ReleasedNets.all()).hasSize(15);
        for (ReleasedNet n : ReleasedNets.all()) {
            String s = n.structure().toString();
            assertThat(Structure.parse(s).toString()).isEqualTo(s);
            assertThat(Structure.parse(s)).isEqualTo(n.structure());
        }
    }

    @Test
    void optionalBlockLabelIsKept() {
        String s = "SuperConvK3BNRELU(stem|3,8,1,1)SuperResK3K3(8,16,2,8,1)";
        Structure st = Structure.parse(s);
        assertThat(st.toString()).isEqualTo(s);
        assertThat(st.block(0).label()).isEqualTo("stem");
    }

    @Test
    void everyBlockTypeParses() {
        assertThat(BlockType.all()).hasSize(4 + 3 + 3 + 12);
        for (BlockType t : BlockType.all()) {
            String s = t.family().residual() ? t.name() + "(3,16,2,8,2)" : t.name() + "(3,16,2,2)";
            Structure st = Structure.parse(s);
            assertThat(st.toString()).isEqualTo(s);
            assertThat(st.block(0).type()).isEqualTo(t);
        }
    }

    @Test
    void splitMatchesTheOfficialRule() {
        Structure s = Structure.parse("SuperConvK3BNRELU(3,64,1,7)SuperResK1K3K1(64,64,1,16,7)");
        assertThat(s.split(6).toString())
                .isEqualTo("SuperConvK3BNRELU(3,64,1,7)SuperResK1K3K1(64,64,1,16,3)SuperResK1K3K1(64,64,1,16,4)");
        assertThat(Structure.parse("SuperResK3K3(32,64,2,16,6)").split(6).toString())
                .isEqualTo("SuperResK3K3(32,64,2,16,3)SuperResK3K3(64,64,1,16,3)");
        assertThat(Structure.parse("SuperResK3K3(32,64,2,16,5)").split(6).toString()).isEqualTo("SuperResK3K3(32,64,2,16,5)");
        for (ReleasedNet n : ReleasedNets.all()) assertThat(n.structure().split(6)).isEqualTo(n.structure());
    }

    @Test
    void rechainRepairsTheInconsistentLatencyInitialStructure() {
        Structure s = Structure.parseUnchecked(GoldenCountsTest.INIT_LATENCY);
        assertThat(s.isChained()).isFalse();
        Structure r = s.rechained();
        assertThat(r.isChained()).isTrue();
        assertThat(r.block(5).in()).isEqualTo(512);
        assertThatThrownBy(() -> Structure.parse(GoldenCountsTest.INIT_LATENCY)).isInstanceOf(StructureParseException.class)
                .hasMessageContaining("channel mismatch");
    }

    @Test
    void smartRoundIsBankers() {
        assertThat(Rounding.smartRound(20, 8)).isEqualTo(16);   // 2.5 -> 2
        assertThat(Rounding.smartRound(12, 8)).isEqualTo(16);   // 1.5 -> 2
        assertThat(Rounding.smartRound(10, 8)).isEqualTo(8);
        assertThat(Rounding.smartRound(3, 8)).isEqualTo(8);     // max(base, ...)
        assertThat(Rounding.seWidth(10)).isEqualTo(2);          // round(2.5) = 2
        assertThat(Rounding.seWidth(14)).isEqualTo(4);          // round(3.5) = 4
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "SuperConvK3BNRELU(3,8,1,1;25;expected ')'",
            "SuperConvK3BNRELU(3,8,1,1))SuperConvK1BNRELU(8,8,1,1);26;expected a block name",
            "SuperConvK3BNRELU3,8,1,1);18;expected '('",
            "SuperConvK3BNRELU(3,08,1,1);20;leading zero",
            "SuperFooK3(3,8,1,1);0;unknown block name 'SuperFooK3'",
            "SuperResK3K5(3,8,1,8,1);0;unknown block name",
            "SuperConvK3BNRELU(3,0,1,1);20;must be positive",
            "SuperConvK3BNRELU(3,-8,1,1);20;negative",
            "SuperConvK3BNRELU(3,8,3,1);22;stride must be 1 or 2",
            "SuperConvK3BNRELU(3,99999999999,1,1);20;too large",
            "SuperConvK3BNRELU(3,8,1);23;expected ','",
            "SuperConvK3BNRELU(3,8,1,1,1);25;another ','",
            "SuperConvK3BNRELU(3, 8,1,1);20;whitespace",
            "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(16,16,1,8,1);39;channel mismatch",
            "SuperResK3K3(3,8,1,1);20;expected ','",
            "SuperConvK3BNRELU(3,8,1,1)(;26;expected a block name",
    })
    void badStringsNameThePositionAndWhatWasExpected(String text, int position, String fragment) {
        assertThatThrownBy(() -> Structure.parse(text))
                .isInstanceOfSatisfying(StructureParseException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.getMessage()).startsWith("at position " + position + ": ").contains(fragment);
                });
    }

    @Test
    void emptyAndNull() {
        assertThatThrownBy(() -> Structure.parse("")).isInstanceOf(StructureParseException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Structure.parse(null)).isInstanceOf(StructureParseException.class);
        assertThatThrownBy(() -> Structure.parse(" ")).isInstanceOf(StructureParseException.class).hasMessageContaining("whitespace");
    }

    @Test
    @Timeout(120) // a guard against quadratic parsing (minutes), not a speed test: a starved CI machine took over 10 s
    void tenMegabyteStringsFailFastWithShortMessages() {
        String huge = "SuperConvK3BNRELU(3,8,1,1)".repeat(400_000) + "X"; // ~10 MB, valid prefix, junk at the end
        assertThatThrownBy(() -> Structure.parse(huge)).isInstanceOfSatisfying(StructureParseException.class,
                e -> assertThat(e.position()).isEqualTo(huge.length()));
        String name = "A".repeat(10_000_000);
        assertThatThrownBy(() -> Structure.parse(name)).isInstanceOfSatisfying(StructureParseException.class,
                e -> assertThat(e.getMessage().length()).isLessThan(300));
        String parens = "(".repeat(10_000_000);
        assertThatThrownBy(() -> Structure.parse(parens)).isInstanceOf(StructureParseException.class);
    }

    @Test
    void fuzzedStringsEitherParseOrFailWithTheParsersError() {
        SplittableRandom rnd = new SplittableRandom(42);
        List<String> seeds = new ArrayList<>();
        for (ReleasedNet n : ReleasedNets.all()) seeds.add(n.structure().toString());
        String alphabet = "()|,;0123456789-SuperConvResKIDWEBNRLU \t\n\u00e9";
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder(seeds.get(rnd.nextInt(seeds.size())));
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = rnd.nextInt(sb.length());
                switch (rnd.nextInt(4)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 2 -> sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    default -> sb.setLength(at);
                }
            }
            String text = sb.toString();
            try {
                Structure s = Structure.parse(text);
                assertThat(s.toString()).isEqualTo(text);
                parsed++;
            } catch (StructureParseException expected) {
                assertThat(expected.position()).isBetween(0, text.length());
            }
        }
        assertThat(parsed).isGreaterThan(0); // some mutations (digit changes in chained places) stay valid
    }

    @Test
    void randomValidStructuresRoundTripAndCountConsistently() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<BlockType> res = BlockType.all().stream().filter(t -> t.family().residual()).toList();
        for (int i = 0; i < 2_000; i++) {
            List<SuperBlock> blocks = new ArrayList<>();
            int c = 8 * (1 + rnd.nextInt(8));
            blocks.add(SuperBlock.conv(3, 3, c, 1 + rnd.nextInt(2), 1));
            int n = 1 + rnd.nextInt(5);
            for (int b = 0; b < n; b++) {
                int out = 8 * (1 + rnd.nextInt(32));
                blocks.add(SuperBlock.res(res.get(rnd.nextInt(res.size())), c, out, 1 + rnd.nextInt(2),
                        8 * (1 + rnd.nextInt(8)), 1 + rnd.nextInt(7)));
                c = out;
            }
            blocks.add(SuperBlock.conv(1, c, 8 * (1 + rnd.nextInt(64)), 1, 1));
            Structure s = Structure.of(blocks);
            assertThat(Structure.parse(s.toString())).isEqualTo(s);
            Structure split = s.split(6);
            assertThat(split.layers()).isEqualTo(s.layers());
            assertThat(split.isChained()).isTrue();
            Counts counts = Counts.of(s, 64, 10);
            assertThat(counts.paramsCode()).isPositive();
            // Removing residual links never adds parameters; SE never removes any.
            assertThat(counts.paramsNoResidual()).isLessThanOrEqualTo(counts.paramsCode());
            assertThat(Counts.of(s, 64, 10, true).params()).isGreaterThanOrEqualTo(counts.params());
            // Per-block rows add up to the totals (plus the code-rule head).
            long sum = counts.blocks().stream().mapToLong(Counts.BlockCounts::paramsCode).sum();
            assertThat(sum + (long) s.outChannels() * 10 + 1).isEqualTo(counts.paramsCode());
        }
    }
}
