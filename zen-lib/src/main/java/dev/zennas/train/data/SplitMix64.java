package dev.zennas.train.data;

import dev.zennas.util.SplitMix;

/**
 * A small, fast, seedable generator: the SplitMix64 sequence (steps of {@link SplitMix#GAMMA}, each mixed by
 * {@link SplitMix#mix}) for per-image random choices. One instance is created per image
 * from a derived seed, so it must be cheap to create (one {@code long} of state) — unlike the commons-math
 * generators, which fill hundreds of words on seeding. Not thread-safe; never shared.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += SplitMix.GAMMA;
        return SplitMix.mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double nextUniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Uniform in [0, bound), without modulo bias (rejection as in {@link java.util.Random#nextInt(int)}). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int r = (int) (nextLong() >>> 33);
        int m = bound - 1;
        if ((bound & m) == 0) {
            return (int) ((bound * (long) r) >> 31);
        }
        for (int u = r; u - (r = u % bound) + m < 0; u = (int) (nextLong() >>> 33)) {
            // rejected: u fell in the incomplete last block of [0, 2^31)
        }
        return r;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
