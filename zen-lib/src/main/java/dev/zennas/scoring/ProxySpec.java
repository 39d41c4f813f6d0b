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
 * @param accumulateBnStats official standalone-script behaviour: BN running statistics carry over between repeats
 * @param memoryBudgetBytes refuse networks whose estimated activation memory exceeds this (0 = no limit)
 * @param timeBudgetSeconds stop with an error once the repeats so far took longer than this (0 = no limit)
 */
public record ProxySpec(String proxy, int batchSize, int resolution, double gamma, int repeats,
                        ZenConvention convention, boolean accumulateBnStats, long memoryBudgetBytes,
                        double timeBudgetSeconds) implements Serializable {

    public ProxySpec {
        if (proxy == null || proxy.isBlank()) {
            throw new IllegalArgumentException("proxy name must not be empty");
        }
        // the same checks as the settings the spec turns into, at construction rather than on a remote worker
        new ProxySettings(batchSize, resolution, gamma, repeats, 0L, convention, accumulateBnStats, memoryBudgetBytes,
                timeBudgetSeconds);
    }

    /** A spec with the default budgets (16 GiB of activations, no time limit) and fresh BN statistics per repeat. */
    public ProxySpec(String proxy, int batchSize, int resolution, double gamma, int repeats, ZenConvention convention) {
        this(proxy, batchSize, resolution, gamma, repeats, convention, false, ProxySettings.DEFAULT_MEMORY_BUDGET, 0);
    }

    /** {@code proxy} with the defaults it declares ({@link dev.zennas.proxy.ZeroShotProxy#defaults()}). */
    public static ProxySpec of(String proxy) {
        ProxySettings d = Proxies.get(proxy).defaults();
        return new ProxySpec(proxy, d.batchSize(), d.resolution(), d.gamma(), d.repeats(), d.convention(),
                d.accumulateBnStats(), d.memoryBudgetBytes(), d.timeBudgetSeconds());
    }

    /** The same settings for another proxy (a re-score with another fitness); its own defaults are not applied. */
    public ProxySpec withProxy(String v) {
        return new ProxySpec(v, batchSize, resolution, gamma, repeats, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySpec withBatchSize(int v) {
        return new ProxySpec(proxy, v, resolution, gamma, repeats, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySpec withResolution(int v) {
        return new ProxySpec(proxy, batchSize, v, gamma, repeats, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySpec withGamma(double v) {
        return new ProxySpec(proxy, batchSize, resolution, v, repeats, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySpec withRepeats(int v) {
        return new ProxySpec(proxy, batchSize, resolution, gamma, v, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySpec withConvention(ZenConvention v) {
        return new ProxySpec(proxy, batchSize, resolution, gamma, repeats, v, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySpec withAccumulateBnStats(boolean v) {
        return new ProxySpec(proxy, batchSize, resolution, gamma, repeats, convention, v, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySpec withMemoryBudgetBytes(long v) {
        return new ProxySpec(proxy, batchSize, resolution, gamma, repeats, convention, accumulateBnStats, v, timeBudgetSeconds);
    }

    public ProxySpec withTimeBudgetSeconds(double v) {
        return new ProxySpec(proxy, batchSize, resolution, gamma, repeats, convention, accumulateBnStats, memoryBudgetBytes, v);
    }

    /** The proxy settings of one work unit with seed {@code seed}. */
    public ProxySettings settings(long seed) {
        return new ProxySettings(batchSize, resolution, gamma, repeats, seed, convention, accumulateBnStats,
                memoryBudgetBytes, timeBudgetSeconds);
    }
}
