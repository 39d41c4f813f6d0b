package dev.zennas.search.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.arch.Structure;
import dev.zennas.arch.SuperBlock;
import dev.zennas.search.Presets;
import dev.zennas.search.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The official mutation: strides fixed, blocks never added except by split, in_channels re-chained. */
class MutationTest {

    @Test
    void splitOfTheSpec() {
        Structure s = Structure.parse("SuperResK1K3K1(64,64,1,16,7)");
        assertThat(s.split(Mutation.SPLIT_THRESHOLD).toString())
                .isEqualTo("SuperResK1K3K1(64,64,1,16,3)SuperResK1K3K1(64,64,1,16,4)");
    }

    @Test
    void mutationKeepsStridesAndChainsChannels() {
        for (String f0 : new String[] {Presets.CIFAR_INITIAL, Presets.IMAGENET_FLOPS_INITIAL, Presets.IMAGENET_LATENCY_INITIAL}) {
            Structure parent = Structure.parseUnchecked(f0);
            SearchSpace space = f0.contains("IDW") ? SearchSpace.idwFixFc() : SearchSpace.xxbl();
            for (int i = 0; i < 2000; i++) {
                Structure child = Mutation.mutate(parent, 1 + i % 2, space, new SplittableRandom(i));
                assertThat(child.isChained()).isTrue();
                assertThat(child.inChannels()).isEqualTo(3);
                assertThat(child.downsampling()).isEqualTo(parent.downsampling());
                assertThat(child.blocks()).allSatisfy(b -> assertThat(b.subLayers()).isLessThan(Mutation.SPLIT_THRESHOLD));
                // Blocks are only added by split, and the stride-2 blocks keep their positions among the originals.
                assertThat(child.size()).isGreaterThanOrEqualTo(parent.size());
                if (child.size() == parent.size()) {
                    for (int b = 0; b < parent.size(); b++) assertThat(child.block(b).stride()).isEqualTo(parent.block(b).stride());
                }
                // Parse round trip: a mutated candidate is a valid structure string.
                assertThat(Structure.parse(child.toString())).isEqualTo(child);
            }
        }
    }

    @Test
    void oneReplacementChangesAtMostOneBlockBesidesRechaining() {
        Structure parent = Structure.parse(Presets.CIFAR_INITIAL);
        for (int i = 0; i < 500; i++) {
            Structure child = Mutation.mutate(parent, 1, SearchSpace.xxbl(), new SplittableRandom(100 + i));
            if (child.size() != parent.size()) continue; // split happened (sub_layers 3 → never here, but be safe)
            int changed = 0;
            for (int b = 0; b < parent.size(); b++) {
                SuperBlock p = parent.block(b);
                SuperBlock c = child.block(b);
                if (!c.withIn(p.in()).equals(p)) changed++;
            }
            assertThat(changed).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void idwFinalConvStaysFrozen() {
        Structure parent = Structure.parse(Presets.IMAGENET_FLOPS_INITIAL);
        for (int i = 0; i < 500; i++) {
            Structure child = Mutation.mutate(parent, 2, SearchSpace.idwFixFc(), new SplittableRandom(i));
            SuperBlock last = child.block(child.size() - 1);
            assertThat(last.type().name()).isEqualTo("SuperConvK1BNRELU");
            assertThat(last.out()).isEqualTo(2048);
        }
    }

    @Test
    void mutationIsAPureFunctionOfTheRandomStream() {
        Structure parent = Structure.parse(Presets.CIFAR_INITIAL);
        for (int i = 0; i < 50; i++) {
            assertThat(Mutation.mutate(parent, 2, SearchSpace.xxbl(), Seeds.mutation(1, i)))
                    .isEqualTo(Mutation.mutate(parent, 2, SearchSpace.xxbl(), Seeds.mutation(1, i)));
        }
    }
}
