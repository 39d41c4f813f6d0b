package dev.zennas.proxy;

/**
 * How to score.
 *
 * @param batchSize          images per forward (official search: 64; NASWOT 8)
 * @param resolution         input side length; 0 = the target's own resolution
 * @param gamma              Zen-Score mixup_gamma α (perturbation size), official 0.01
 * @param repeats            independent draws (fresh weights, inputs, BN statistics each)
 * @param seed               run seed; repeat r draws from a Java RNG seeded by (seed, r)
 * @param convention         Zen-Score convention (conventions §1.3), default A
 * @param accumulateBnStats  official standalone-script behaviour (conventions T19): BN running statistics are never
 *                           reset across repeats (weights are re-drawn). Convention A only.
 * @param memoryBudgetBytes  refuse networks whose estimated activation memory exceeds this (0 = no limit)
 * @param timeBudgetSeconds  stop with an error once the repeats so far took longer than this (0 = no limit)
 */
public record ProxySettings(int batchSize, int resolution, double gamma, int repeats, long seed,
                            ZenConvention convention, boolean accumulateBnStats, long memoryBudgetBytes,
                            double timeBudgetSeconds) {

    /** Default activation-memory budget: 16 GiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 16L << 30;

    public ProxySettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (resolution < 0) {
            throw new IllegalArgumentException("resolution must be >= 1 (or 0 for the target's own), got " + resolution);
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be a positive finite number, got " + gamma);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        if (convention == null) {
            throw new IllegalArgumentException("convention must not be null");
        }
        if (accumulateBnStats && convention != ZenConvention.A) {
            throw new IllegalArgumentException("accumulateBnStats is the standalone script's convention-A behaviour;"
                    + " it cannot be combined with convention " + convention);
        }
        if (memoryBudgetBytes < 0 || timeBudgetSeconds < 0 || Double.isNaN(timeBudgetSeconds)) {
            throw new IllegalArgumentException("budgets must be >= 0 (0 = unlimited)");
        }
    }

    /** Official search settings: batch 64, the target's resolution, γ 0.01, 1 repeat, seed 0, convention A. */
    public static ProxySettings defaults() {
        return new ProxySettings(64, 0, 0.01, 1, 0L, ZenConvention.A, false, DEFAULT_MEMORY_BUDGET, 0);
    }

    public ProxySettings withBatchSize(int v) {
        return new ProxySettings(v, resolution, gamma, repeats, seed, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySettings withResolution(int v) {
        return new ProxySettings(batchSize, v, gamma, repeats, seed, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySettings withGamma(double v) {
        return new ProxySettings(batchSize, resolution, v, repeats, seed, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySettings withRepeats(int v) {
        return new ProxySettings(batchSize, resolution, gamma, v, seed, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySettings withSeed(long v) {
        return new ProxySettings(batchSize, resolution, gamma, repeats, v, convention, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySettings withConvention(ZenConvention v) {
        return new ProxySettings(batchSize, resolution, gamma, repeats, seed, v, accumulateBnStats, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySettings withAccumulateBnStats(boolean v) {
        return new ProxySettings(batchSize, resolution, gamma, repeats, seed, convention, v, memoryBudgetBytes, timeBudgetSeconds);
    }

    public ProxySettings withMemoryBudgetBytes(long v) {
        return new ProxySettings(batchSize, resolution, gamma, repeats, seed, convention, accumulateBnStats, v, timeBudgetSeconds);
    }

    public ProxySettings withTimeBudgetSeconds(double v) {
        return new ProxySettings(batchSize, resolution, gamma, repeats, seed, convention, accumulateBnStats, memoryBudgetBytes, v);
    }

    /** The resolution to use for {@code target}. */
    public int resolutionFor(ProxyTarget target) {
        return resolution > 0 ? resolution : target.resolution();
    }
}
