package dev.zennas.proxy;

import ai.djl.nn.Block;
import dev.zennas.arch.ArchSource;
import dev.zennas.arch.Structure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registry of the zero-shot proxies and factories for proxy targets.
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
    }

    private Proxies() {
    }

    /**
     * The proxy registered under {@code name} (case-insensitive; "tenas"/"te_nas" and "grad-norm"/"grad_norm" are
     * accepted as spellings).
     *
     * @throws IllegalArgumentException naming the known proxies
     */
    public static ZeroShotProxy get(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-');
        if (key.equals("tenas")) {
            key = "te-nas";
        } else if (key.equals("grad-norm")) {
            key = "gradnorm";
        } else if (key.equals("syncflow")) {
            key = "synflow";
        }
        Supplier<ZeroShotProxy> s = REGISTRY.get(key);
        if (s == null) {
            throw new IllegalArgumentException("unknown proxy '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return s.get();
    }

    /** Registered names: zen, naswot, te-nas, synflow, gradnorm, params, flops, random. */
    public static List<String> names() {
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
