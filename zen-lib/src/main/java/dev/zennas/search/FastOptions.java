package dev.zennas.search;

/**
 * Knobs of {@link SearchMode#FAST} (ignored in official mode). Each can be switched off on its own so its effect can
 * be measured.
 *
 * @param cache              keep a score per structure string; proxy seeds then depend on the structure, not the
 *                           candidate id, so a cache hit returns exactly what re-scoring would (LRU, bounded)
 * @param cacheSize          maximum cached structures
 * @param randomInit         start from a random structure near the budget instead of the fixed small F0 (the paper's
 *                           description, ZenNAS issue #7): a budget-guided random walk of single-block mutations
 * @param initBudgetFraction stop the walk once this fraction of the tightest params/FLOPs budget is used
 * @param screenBatch        score candidates at this smaller proxy batch first and re-score at the full batch only
 *                           those that would beat the current best (0 = off)
 * @param earlyReplaces      block replacements per mutation during the early phase (official: 2; 0 = off)
 * @param earlyIterations    length of the early phase in iterations (absolute, so time-limited runs get it too)
 * @param tournament         parent = best of this many uniform draws from the population (0 or 1 = the official
 *                           uniform choice); raises selection pressure when evaluations are scarce
 */
public record FastOptions(boolean cache, int cacheSize, boolean randomInit, double initBudgetFraction, int screenBatch,
                          int earlyReplaces, long earlyIterations, int tournament) {
    public FastOptions {
        if (cacheSize < 0) throw new IllegalArgumentException("cache size must be >= 0, got " + cacheSize);
        if (!(initBudgetFraction > 0 && initBudgetFraction <= 1)) {
            throw new IllegalArgumentException("init budget fraction must be in (0, 1], got " + initBudgetFraction);
        }
        if (screenBatch < 0) throw new IllegalArgumentException("screen batch must be >= 0, got " + screenBatch);
        if (earlyReplaces < 0) throw new IllegalArgumentException("early replaces must be >= 0, got " + earlyReplaces);
        if (earlyIterations < 0) throw new IllegalArgumentException("early iterations must be >= 0, got " + earlyIterations);
        if (tournament < 0) throw new IllegalArgumentException("tournament size must be >= 0, got " + tournament);
    }

    /**
     * The defaults of fast mode: everything on, tournament of 4 (in 8-minute Zen runs on cifar-params-1M it reached
     * 112.9 against 103.1 with uniform parents and 82.3 in official mode; one run each, docs/results/searches.md, "Fast-mode ablation").
     */
    public static FastOptions defaults() {
        return new FastOptions(true, 200_000, true, 0.8, 16, 4, 500, 4);
    }

    /** The same options with another tournament size. */
    public FastOptions withTournament(int k) {
        return new FastOptions(cache, cacheSize, randomInit, initBudgetFraction, screenBatch, earlyReplaces, earlyIterations, k);
    }

    /** The same options with another screening batch. */
    public FastOptions withScreenBatch(int b) {
        return new FastOptions(cache, cacheSize, randomInit, initBudgetFraction, b, earlyReplaces, earlyIterations, tournament);
    }

    /** Everything off (fast mode then equals official mode except for structure-derived proxy seeds). */
    public static FastOptions none() {
        return new FastOptions(false, 0, false, 0.8, 0, 0, 0, 0);
    }
}
