/**
 * Rank statistics for proxy studies on top of commons-math3: Spearman ρ, Kendall τ-b and Pearson r
 * ({@link dev.zennas.stats.Correlations}), seeded bootstrap intervals and paired differences
 * ({@link dev.zennas.stats.Bootstrap}), precision@k / top-k overlap ({@link dev.zennas.stats.TopK}) and seed-to-seed
 * variance ({@link dev.zennas.stats.SeedVariance}).
 */
package dev.zennas.stats;
