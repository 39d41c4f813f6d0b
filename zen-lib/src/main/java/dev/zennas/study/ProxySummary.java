package dev.zennas.study;

import dev.zennas.stats.ConfidenceInterval;

/**
 * How well one proxy ranks the studied architectures by accuracy.
 *
 * @param proxy proxy name
 * @param space benchmark space id
 * @param dataset dataset id
 * @param target accuracy definition
 * @param n number of (score, accuracy) pairs used (NaN scores dropped; −∞ kept as the lowest rank)
 * @param spearman Spearman ρ with bootstrap 95 % CI
 * @param kendall Kendall τ-b with bootstrap 95 % CI
 * @param pearson Pearson r over finite pairs with bootstrap 95 % CI
 * @param precisionAt10pct fraction of the proxy's top 10 % that is in the accuracy's top 10 %
 * @param top10pctMeanAccuracy mean accuracy of the proxy's top 10 %
 * @param secondsPerArch mean scoring time per architecture (from the cache; 0 for analytic proxies)
 * @param computed architectures scored in this run
 * @param cached architectures taken from the cache
 * @param failed architectures whose scoring failed (NaN, not cached)
 */
public record ProxySummary(String proxy, String space, String dataset, String target, int n,
        ConfidenceInterval spearman, ConfidenceInterval kendall, ConfidenceInterval pearson, double precisionAt10pct,
        double top10pctMeanAccuracy, double secondsPerArch, int computed, int cached, int failed) {
}
