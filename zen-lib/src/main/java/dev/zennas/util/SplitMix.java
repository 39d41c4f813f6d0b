package dev.zennas.util;

/**
 * The SplitMix64 finaliser (Stafford's variant 13), the one 64-bit mixer behind every derived seed of the workbench
 * (proxy repeats, search streams, bootstrap resamples, training data order and augmentation). It is a bijection with
 * good avalanche: neighbouring inputs (repeat 3 and 4, epoch 7 and 8) give unrelated outputs.
 */
public final class SplitMix {

    /** The SplitMix64 increment: 2^64 divided by the golden ratio, odd. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix() {
    }

    /** Mixes {@code z}. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
