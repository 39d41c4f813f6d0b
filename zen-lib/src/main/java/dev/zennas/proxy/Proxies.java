package dev.zennas.proxy;

import ai.djl.nn.Block;
import dev.zennas.arch.ArchSource;
import dev.zennas.arch.Counts;
import dev.zennas.arch.Structure;
import dev.zennas.study.SuiteZeroSynFlow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one registry of proxies, by name: every zero-shot proxy (zen, naswot, te-nas, synflow, gradnorm, params, flops,
 * random), the NAS-Bench-Suite-Zero SynFlow ({@code synflow-naslib}), the search's analytic fitnesses
 * ({@code analytic-params}, {@code analytic-flops}: code-rule params and FLOPs of the no-residual net, no tensors) and
 * the stand-ins of tests and dry runs ({@code test-hash}: a pseudo-random score in [0, 1) from (structure, seed);
 * {@code test-hash-slow}: the same after a 2 ms sleep, so tests can stop a run mid-way). Callers add their own with
 * {@link #register}. Studies, searches, the CLI and the scoring executors all resolve names here, so a name means the
 * same proxy everywhere (and score caches keyed by it keep hitting).
 *
 * <pre>{@code
 * ProxyResult r = Proxies.get("zen").score(Proxies.target("zennet_cifar10_model_size1M_res32"),
 *         ProxySettings.defaults().withRepeats(8));
 * }</pre>
 */
public final class Proxies {

    private static final Map<String, Supplier<ZeroShotProxy>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("zen", ZenScore::new);
        REGISTRY.put("naswot", Naswot::new);
        REGISTRY.put("te-nas", TeNas::new);
        REGISTRY.put("synflow", SynFlow::new);
        REGISTRY.put("gradnorm", GradNorm::new);
        REGISTRY.put("params", AnalyticProxies::params);
        REGISTRY.put("flops", AnalyticProxies::flops);
        REGISTRY.put("random", AnalyticProxies::random);
        REGISTRY.put(SuiteZeroSynFlow.NAME, SuiteZeroSynFlow::new);
        REGISTRY.put("analytic-params", () -> new StructureProxy("analytic-params",
                (s, resolution, classes, seed) -> Counts.of(s, resolution, classes, false).paramsNoResidual()));
        REGISTRY.put("analytic-flops", () -> new StructureProxy("analytic-flops",
                (s, resolution, classes, seed) -> Counts.of(s, resolution, classes, false).flopsNoResidual()));
        REGISTRY.put("test-hash", () -> new StructureProxy("test-hash",
                (s, resolution, classes, seed) -> StructureProxy.hash(s.toString(), seed)));
        REGISTRY.put("test-hash-slow", () -> new StructureProxy("test-hash-slow", (s, resolution, classes, seed) -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StructureProxy.hash(s.toString(), seed);
        }));
    }

    private Proxies() {
    }

    private static String key(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (key) {
            case "tenas" -> "te-nas";
            case "grad-norm" -> "gradnorm";
            case "syncflow" -> "synflow";
            default -> key;
        };
    }

    /**
     * The proxy registered under {@code name} (case-insensitive; "tenas"/"te_nas" and "grad-norm"/"grad_norm" are
     * accepted as spellings).
     *
     * @throws IllegalArgumentException naming the known proxies
     */
    public static synchronized ZeroShotProxy get(String name) {
        Supplier<ZeroShotProxy> s = REGISTRY.get(key(name));
        if (s == null) {
            throw new IllegalArgumentException("unknown proxy '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return s.get();
    }

    /** Whether {@code name} (in any accepted spelling) is registered. */
    public static synchronized boolean exists(String name) {
        return REGISTRY.containsKey(key(name));
    }

    /** Registers (or replaces) a proxy under {@code name}, e.g. a notebook's own proxy or a test's fake. */
    public static synchronized void register(String name, Supplier<ZeroShotProxy> proxy) {
        if (key(name).isEmpty()) {
            throw new IllegalArgumentException("a proxy needs a name");
        }
        REGISTRY.put(key(name), proxy);
    }

    /** Registered names in registration order: the zero-shot proxies first, then synflow-naslib, the analytic ones, fakes. */
    public static synchronized List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /**
     * A target from what a user typed: a structure string, a released net name or {@code @file}. Resolution and
     * classes come from the released net, else 32 and 10.
     */
    public static ProxyTarget target(String archOrName) {
        ArchSource.Resolved r = ArchSource.resolve(archOrName);
        return new StructureTarget(r.structure(), r.defaultResolution(), r.defaultClasses());
    }

    /** A Zen-NAS structure scored at {@code resolution} with a {@code numClasses}-way head. */
    public static ProxyTarget target(Structure s, int resolution, int numClasses) {
        return new StructureTarget(s, resolution, numClasses);
    }

    /**
     * A user's own DJL block (ZenNAS issue #25); see {@link BlockTarget} for what proxies need from it. Scoring
     * re-initialises its parameters.
     */
    public static BlockTarget target(String id, Block userBlock, int channels, int resolution, int numClasses) {
        return new BlockTarget(id, userBlock, channels, resolution, numClasses);
    }
}
