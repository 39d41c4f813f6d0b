package dev.zennas.search.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.arch.BlockFamily;
import dev.zennas.arch.BlockType;
import dev.zennas.arch.SuperBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Channel/sub-layer lists and candidate multiplicities of conventions §4.2 and §10.3, exactly. */
class SearchSpaceTest {
    private static final SuperBlock RES = SuperBlock.res(BlockType.of(BlockFamily.BASIC, 3), 32, 64, 2, 32, 1);
    private static final SuperBlock IDW = SuperBlock.res(BlockType.of(BlockFamily.INVERTED, 3, 6), 32, 48, 2, 32, 1);

    @Test
    void channelListsOfTheSpec() {
        assertThat(ChannelLists.widths(64, 2048)).containsExactly(160, 128, 96, 80, 64, 48, 40, 32, 24);
        assertThat(ChannelLists.widths(32, 2048)).containsExactly(80, 64, 48, 40, 32, 24, 16);
        // 2.5·8 = 20 → 20/8 = 2.5 → banker's 2 → 16; 12/8 = 1.5 → 2 → 16; 10/8 → 1 → 8.
        assertThat(ChannelLists.widths(8, 2048)).containsExactly(16, 8);
        assertThat(ChannelLists.widths(2048, 2048)).containsExactly(2048, 1640, 1368, 1024, 816);
        assertThat(ChannelLists.widths(2048, ChannelLists.NO_CAP))
                .containsExactly(5120, 4096, 3072, 2560, 2048, 1640, 1368, 1024, 816);
    }

    @Test
    void subLayerListsOfTheSpec() {
        assertThat(ChannelLists.subLayers(1)).containsExactlyInAnyOrder(3, 2, 1);
        assertThat(ChannelLists.subLayers(3)).containsExactlyInAnyOrder(5, 4, 3, 2, 1);
        assertThat(ChannelLists.subLayers(2)).containsExactlyInAnyOrder(4, 3, 2, 1);
        assertThatThrownBy(() -> ChannelLists.subLayers(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xxblMultiplicitiesAreCumulative321() {
        SearchSpace xxbl = SearchSpace.xxbl();
        List<List<SuperBlock>> lists = xxbl.candidateLists(RES);
        int perType = 9 * 3 * 7; // out list(64) × sub-layer list(1) × btn list(32)
        assertThat(lists).hasSize(6);
        assertThat(lists.stream().map(List::size).toList())
                .containsExactly(perType, 2 * perType, 3 * perType, perType, 2 * perType, 3 * perType);
        Map<String, Integer> byType = countTypes(flatten(lists));
        assertThat(byType).containsEntry("SuperResK1K3K1", 3 * perType).containsEntry("SuperResK1K5K1", 2 * perType)
                .containsEntry("SuperResK1K7K1", perType).containsEntry("SuperResK3K3", 3 * perType)
                .containsEntry("SuperResK5K5", 2 * perType).containsEntry("SuperResK7K7", perType).hasSize(6);
        assertThat(xxbl.flatSize(RES)).isEqualTo(12L * perType);
        // Candidates keep in and stride; every (out, L, btn) appears once per type per list.
        assertThat(flatten(lists)).allSatisfy(b -> {
            assertThat(b.in()).isEqualTo(32);
            assertThat(b.stride()).isEqualTo(2);
            assertThat(b.subLayers()).isBetween(1, 3);
        });
    }

    @Test
    void idwMultiplicitiesAre12Down1() {
        SearchSpace idw = SearchSpace.idwFixFc();
        List<List<SuperBlock>> lists = idw.candidateLists(IDW);
        int perType = ChannelLists.widths(48, ChannelLists.NO_CAP).size() * 3 * ChannelLists.widths(32, ChannelLists.NO_CAP).size();
        assertThat(lists).hasSize(12);
        Map<String, Integer> byType = countTypes(flatten(lists));
        String[] order = {"E1K3", "E2K3", "E4K3", "E6K3", "E1K5", "E2K5", "E4K5", "E6K5", "E1K7", "E2K7", "E4K7", "E6K7"};
        for (int j = 0; j < 12; j++) assertThat(byType.get("SuperResIDW" + order[j])).isEqualTo((12 - j) * perType);
        assertThat(idw.flatSize(IDW)).isEqualTo(78L * perType);
    }

    @Test
    void arithmeticIndexingEqualsTheMaterialisedList() {
        SuperBlock deep = SuperBlock.res(BlockType.of(BlockFamily.BOTTLENECK, 5), 64, 128, 1, 40, 3);
        for (SearchSpace space : List.of(SearchSpace.xxbl(), SearchSpace.idwFixFc(), SearchSpace.xxbl().withUniformTypeSampling(true))) {
            for (SuperBlock b : List.of(RES, IDW, deep, SuperBlock.conv(3, 3, 8, 1, 1), SuperBlock.conv(1, 64, 2048, 1, 1))) {
                List<SuperBlock> flat = flatten(space.candidateLists(b));
                assertThat(space.flatSize(b)).as(space.name() + " " + b).isEqualTo(flat.size());
                for (int u = 0; u < flat.size(); u++) assertThat(space.flatCandidate(b, u)).isEqualTo(flat.get(u));
            }
        }
    }

    @Test
    void uniformTypeSamplingListsEachTypeOnce() {
        Map<String, Integer> byType = countTypes(flatten(SearchSpace.xxbl().withUniformTypeSampling(true).candidateLists(RES)));
        assertThat(byType.values()).containsOnly(189);
    }

    @Test
    void convBlocksMutateWidthOnlyAndIdwFreezesTheFinal1x1() {
        List<SuperBlock> stem = flatten(SearchSpace.xxbl().candidateLists(SuperBlock.conv(3, 3, 8, 1, 1)));
        assertThat(stem).containsExactly(SuperBlock.conv(3, 3, 16, 1, 1), SuperBlock.conv(3, 3, 8, 1, 1));
        SuperBlock fc = SuperBlock.conv(1, 128, 2048, 1, 1);
        assertThat(flatten(SearchSpace.idwFixFc().candidateLists(fc))).containsExactly(fc);
        assertThat(flatten(SearchSpace.xxbl().candidateLists(fc)).stream().map(SuperBlock::out).toList())
                .containsExactly(2048, 1640, 1368, 1024, 816);
        // The IDW stem is not frozen and has no width cap.
        assertThat(flatten(SearchSpace.idwFixFc().candidateLists(SuperBlock.conv(3, 3, 1024, 2, 1))).get(0).out()).isEqualTo(2560);
        // A wider cap (conventions T21) lets XXBL reach the released latency nets' widths.
        assertThat(flatten(SearchSpace.xxbl(8192).candidateLists(fc)).get(0).out()).isEqualTo(5120);
    }

    @Test
    void samplingFollowsTheWeights() {
        SearchSpace xxbl = SearchSpace.xxbl();
        SplittableRandom rng = new SplittableRandom(7);
        Map<String, Integer> counts = new HashMap<>();
        int n = 120_000;
        for (int i = 0; i < n; i++) counts.merge(xxbl.sample(RES, rng).type().name(), 1, Integer::sum);
        assertThat(counts.get("SuperResK1K3K1") / (double) n).isCloseTo(3 / 12.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get("SuperResK5K5") / (double) n).isCloseTo(2 / 12.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get("SuperResK7K7") / (double) n).isCloseTo(1 / 12.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void namedSpacesAndValidation() {
        assertThat(SearchSpace.named("xxbl").widthCap()).isEqualTo(2048);
        assertThat(SearchSpace.named("IDW_fixfc").freezeFinalConv()).isTrue();
        assertThatThrownBy(() -> SearchSpace.named("nope")).hasMessageContaining("known: XXBL, IDW_fixfc");
        assertThatThrownBy(() -> SearchSpace.xxbl(4)).hasMessageContaining("width cap");
    }

    private static List<SuperBlock> flatten(List<List<SuperBlock>> lists) {
        List<SuperBlock> flat = new ArrayList<>();
        lists.forEach(flat::addAll);
        return flat;
    }

    private static Map<String, Integer> countTypes(List<SuperBlock> flat) {
        Map<String, Integer> m = new HashMap<>();
        for (SuperBlock b : flat) m.merge(b.type().name(), 1, Integer::sum);
        return m;
    }
}
