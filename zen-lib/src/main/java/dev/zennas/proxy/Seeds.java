package dev.zennas.proxy;

import dev.zennas.util.SplitMix;
import java.util.SplittableRandom;

/** Per-repeat random streams: a Java RNG seeded from (seed, repeat), independent of torch's global RNG. */
public final class Seeds {
    private Seeds() {
    }

    /** SplitMix64 finaliser. */
    public static long mix(long z) {
        return SplitMix.mix(z);
    }

    /** The stream for repeat {@code repeat} of a run with seed {@code seed}. */
    public static SplittableRandom forRepeat(long seed, int repeat) {
        return new SplittableRandom(mix(mix(seed) + SplitMix.GAMMA * (repeat + 1L)));
    }

    /** A stream for (seed, repeat, key), e.g. the Random proxy keyed by the candidate id. */
    public static SplittableRandom forKey(long seed, int repeat, String key) {
        long h = 1125899906842597L;
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return new SplittableRandom(mix(mix(seed) ^ mix(h) + SplitMix.GAMMA * (repeat + 1L)));
    }
}
