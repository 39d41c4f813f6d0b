package dev.zennas.search.mutation;

import dev.zennas.arch.Structure;
import dev.zennas.arch.SuperBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The official mutation ({@code get_new_random_structure_str}, conventions §4.2): {@code numReplaces} uniform draws of a
 * block index (a repeated index is skipped, so two draws may change one block), each drawn block replaced by a
 * uniform draw from the space's flattened candidate list, then in_channels re-chained left to right and the result
 * split at 6 sub-layers. Strides are never mutated and blocks are never inserted or removed (conventions T22).
 */
public final class Mutation {
    /** The official split threshold. */
    public static final int SPLIT_THRESHOLD = 6;

    private Mutation() {}

    /** Mutates {@code parent}; all randomness comes from {@code rng}. */
    public static Structure mutate(Structure parent, int numReplaces, SearchSpace space, SplittableRandom rng) {
        if (numReplaces < 1) throw new IllegalArgumentException("numReplaces must be at least 1, got " + numReplaces);
        List<SuperBlock> blocks = new ArrayList<>(parent.blocks());
        boolean[] picked = new boolean[blocks.size()];
        for (int r = 0; r < numReplaces; r++) {
            int i = rng.nextInt(blocks.size());
            if (picked[i]) continue;
            picked[i] = true;
            SuperBlock candidate = space.sample(blocks.get(i), rng);
            if (i > 0) candidate = candidate.withIn(blocks.get(i - 1).out());
            blocks.set(i, candidate);
        }
        return Structure.ofUnchecked(blocks).rechained().split(SPLIT_THRESHOLD);
    }
}
