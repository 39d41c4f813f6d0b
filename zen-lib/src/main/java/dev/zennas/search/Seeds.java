package dev.zennas.search;

import dev.zennas.util.SplitMix;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derived seeds: every random decision of a search is a pure function of (run seed, purpose, id), so a run can be
 * resumed from a snapshot without any RNG state and results do not depend on how work is spread over threads.
 */
public final class Seeds {
    private Seeds() {}

    /** Stream tags, so the mutation and scoring streams of one iteration are unrelated. */
    static final long MUTATION = 0x6D75746174696F6EL;
    static final long SCORING = 0x73636F72696E6721L;
    static final long STRUCTURE = 0x7374727563747572L;
    static final long INIT = 0x696E697469616C21L;

    /** The SplitMix64 finaliser (Stafford variant 13): a bijective 64-bit mixer. */
    public static long mix(long z) {
        return SplitMix.mix(z);
    }

    /** A seed for (run seed, stream, id). */
    public static long derive(long runSeed, long stream, long id) {
        return mix(mix(mix(runSeed) ^ stream) + id * SplitMix.GAMMA);
    }

    /** The random stream of one iteration's mutation. */
    public static SplittableRandom mutation(long runSeed, long iteration) {
        return new SplittableRandom(derive(runSeed, MUTATION, iteration));
    }

    /** The proxy seed of a candidate (weights and inputs). */
    public static long scoring(long runSeed, long candidateId) {
        return derive(runSeed, SCORING, candidateId);
    }

    /** A proxy seed that depends only on the structure (fast mode, so a score cache is transparent). */
    public static long structureSeed(long runSeed, String structure) {
        long h = mix(runSeed ^ STRUCTURE);
        for (byte b : structure.getBytes(StandardCharsets.UTF_8)) h = mix(h ^ b) + SplitMix.GAMMA;
        return h;
    }
}
