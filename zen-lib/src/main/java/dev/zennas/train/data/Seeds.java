package dev.zennas.train.data;

import dev.zennas.util.SplitMix;

/**
 * Derives independent seeds from a run seed and a position (e.g. epoch, record position), so that every random
 * choice of a training run is a pure function of where it happens. Built on the SplitMix64 finaliser, a bijective
 * 64-bit mixer with good avalanche: changing any input bit changes about half the output bits, so nearby positions
 * (epoch 3 and 4, image 17 and 18) get unrelated streams.
 */
public final class Seeds {
    private Seeds() {
    }

    /**
     * A seed for the position {@code path} below {@code seed}. Deterministic, order-sensitive
     * ({@code derive(s, 1, 2) != derive(s, 2, 1)}), and for a fixed prefix distinct last elements give distinct
     * seeds (each step is a bijection of the element).
     */
    public static long derive(long seed, long... path) {
        long h = SplitMix.mix(seed + SplitMix.GAMMA);
        for (long p : path) {
            h = SplitMix.mix((h + SplitMix.GAMMA) ^ p);
        }
        return h;
    }
}
