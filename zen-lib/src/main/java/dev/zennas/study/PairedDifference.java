package dev.zennas.study;

import dev.zennas.stats.ConfidenceInterval;

/**
 * ρ(proxy) − ρ(versus) against the study's target, with a paired bootstrap 95 % interval: the same resampled
 * architectures enter both terms, so an interval that excludes 0 says one proxy ranks this sample better.
 *
 * @param proxy the first proxy
 * @param versus the second proxy
 * @param n architectures where both proxies and the target have a value
 * @param spearman the difference of the two Spearman ρ, with its interval
 */
public record PairedDifference(String proxy, String versus, int n, ConfidenceInterval spearman) {
}
