package dev.zennas.scoring;

import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ZenConvention;
import dev.zennas.proxy.Proxies;
import java.io.Serializable;

/**
 * Which proxy, with which settings, as data: what a work unit computes, without its seed (each work unit carries its
 * own derived seed). {@link #of(String)} starts from the proxy's own defaults (NASWOT: batch 8, the others: the
 * official search's batch 64), so no caller repeats them.
 *
 * @param proxy      registry name (case as typed; the registry resolves spellings)
 * @param batchSize  images per forward
 * @param resolution input side length; 0 = the target's own resolution
 * @param gamma      Zen-Score perturbation α
 * @param repeats    independent draws averaged per target
 * @param convention Zen-Score convention
 */
public record ProxySpec(String proxy, int batchSize, int resolution, double gamma, int repeats,
                        ZenConvention convention) implements Serializable {

    public ProxySpec {
        if (proxy == null || proxy.isBlank()) {
            throw new IllegalArgumentException("proxy name must not be empty");
        }
        // the same checks as the settings the spec turns into, at construction rather than on a remote worker
        ProxySettings.defaults().withBatchSize(batchSize).withResolution(resolution).withGamma(gamma)
                .withRepeats(repeats).withConvention(convention);
    }

    /** {@code proxy} with the defaults it declares ({@link dev.zennas.proxy.ZeroShotProxy#defaults()}). */
    public static ProxySpec of(String proxy) {
        ProxySettings d = Proxies.get(proxy).defaults();
        return new ProxySpec(proxy, d.batchSize(), d.resolution(), d.gamma(), d.repeats(), d.convention());
    }

    public ProxySpec withBatchSize(int v) {
        return new ProxySpec(proxy, v, resolution, gamma, repeats, convention);
    }

    public ProxySpec withResolution(int v) {
        return new ProxySpec(proxy, batchSize, v, gamma, repeats, convention);
    }

    public ProxySpec withGamma(double v) {
        return new ProxySpec(proxy, batchSize, resolution, v, repeats, convention);
    }

    public ProxySpec withRepeats(int v) {
        return new ProxySpec(proxy, batchSize, resolution, gamma, v, convention);
    }

    public ProxySpec withConvention(ZenConvention v) {
        return new ProxySpec(proxy, batchSize, resolution, gamma, repeats, v);
    }

    /** The proxy settings of one work unit with seed {@code seed}. */
    public ProxySettings settings(long seed) {
        return ProxySettings.defaults().withBatchSize(batchSize).withResolution(resolution).withGamma(gamma)
                .withRepeats(repeats).withConvention(convention).withSeed(seed);
    }
}
