package dev.zennas.search;

import dev.zennas.arch.Counts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Registry from proxy names (case-insensitive) to scorer factories. Built in (no tensors, for tests and dry runs):
 * <ul>
 *   <li>{@code analytic-params}: code-rule params of the no-residual net (what the {@code Params} proxy computes);</li>
 *   <li>{@code analytic-flops}: code-rule FLOPs of the no-residual net (the {@code Flops} proxy);</li>
 *   <li>{@code test-hash}: a pseudo-random score in [0, 1) from (structure string, seed) — a stand-in for a noisy
 *       proxy that is still a pure function of its inputs;</li>
 *   <li>{@code test-hash-slow}: {@code test-hash} plus a 2 ms sleep, so tests can kill a run mid-way.</li>
 * </ul>
 * Every zero-shot proxy of {@code dev.zennas.proxy} ({@code zen}, {@code naswot}, {@code te-nas}, {@code synflow},
 * {@code gradnorm}, {@code params}, {@code flops}, {@code random}) is registered through {@link ProxyScorer}.
 */
public final class Scorers {
    private static final Map<String, Function<FitnessSpec, CandidateScorer>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("analytic-params", spec -> (s, seed) ->
                Counts.of(s, spec.resolution(), spec.numClasses(), false).paramsNoResidual());
        FACTORIES.put("analytic-flops", spec -> (s, seed) ->
                Counts.of(s, spec.resolution(), spec.numClasses(), false).flopsNoResidual());
        FACTORIES.put("test-hash", spec -> (s, seed) -> hashScore(s.toString(), seed));
        FACTORIES.put("test-hash-slow", spec -> (s, seed) -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return hashScore(s.toString(), seed);
        });
        ProxyBridge.registerAll();
    }

    private Scorers() {}

    /** Registers (or replaces) a scorer factory under a name. */
    public static synchronized void register(String name, Function<FitnessSpec, CandidateScorer> factory) {
        FACTORIES.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        FACTORIES.put(name, factory);
    }

    private static Function<FitnessSpec, CandidateScorer> lookup(String name) {
        Function<FitnessSpec, CandidateScorer> f = FACTORIES.get(name);
        if (f != null) return f;
        for (Map.Entry<String, Function<FitnessSpec, CandidateScorer>> e : FACTORIES.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }

    /** A new scorer for {@code spec}; one per worker thread. */
    public static synchronized CandidateScorer create(FitnessSpec spec) {
        Function<FitnessSpec, CandidateScorer> f = lookup(spec.proxy());
        if (f == null) {
            throw new IllegalArgumentException("unknown proxy '" + spec.proxy() + "' (known: " + String.join(", ", names()) + ")");
        }
        return f.apply(spec);
    }

    /** Whether a name is registered. */
    public static synchronized boolean exists(String name) {
        return lookup(name) != null;
    }

    /** Registered names in registration order. */
    public static synchronized List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(FACTORIES.keySet()));
    }

    /** A well-mixed pseudo-random value in [0, 1) from a string and a seed. */
    static double hashScore(String text, long seed) {
        long h = Seeds.mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) h = Seeds.mix(h ^ b);
        return (h >>> 11) * 0x1.0p-53;
    }
}
