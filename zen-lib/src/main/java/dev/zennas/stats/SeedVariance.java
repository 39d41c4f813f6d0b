package dev.zennas.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * How much a random-init proxy moves between seeds on the same architectures.
 *
 * @param seeds number of seeds (rows of the score matrix)
 * @param archs number of architectures
 * @param meanPerArchStd mean over architectures of the (sample) std of the score across seeds
 * @param meanSeedToSeedSpearman mean Spearman ρ between the scores of every pair of seeds
 * @param spearmanPerSeed Spearman ρ of each seed's scores against the target
 * @param spearmanMean mean of {@code spearmanPerSeed}
 * @param spearmanStd sample std of {@code spearmanPerSeed} (NaN for one seed)
 */
public record SeedVariance(int seeds, int archs, double meanPerArchStd, double meanSeedToSeedSpearman,
        double[] spearmanPerSeed, double spearmanMean, double spearmanStd) {

    /**
     * @param scores {@code scores[s][a]} = score of architecture a under seed s
     * @param target target value per architecture (e.g. accuracy)
     */
    public static SeedVariance of(double[][] scores, double[] target) {
        if (scores.length < 1) {
            throw new IllegalArgumentException("need at least one seed");
        }
        int n = target.length;
        for (double[] row : scores) {
            if (row.length != n) {
                throw new IllegalArgumentException("every seed row needs " + n + " scores");
            }
        }
        StandardDeviation sd = new StandardDeviation(true);
        double stdSum = 0;
        int stdCount = 0;
        for (int a = 0; a < n; a++) {
            double[] col = new double[scores.length];
            for (int s = 0; s < scores.length; s++) {
                col[s] = scores[s][a];
            }
            if (scores.length > 1 && Arrays.stream(col).allMatch(Double::isFinite)) {
                stdSum += sd.evaluate(col);
                stdCount++;
            }
        }
        double pairSum = 0;
        int pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = i + 1; j < scores.length; j++) {
                pairSum += Correlations.spearman(scores[i], scores[j]);
                pairs++;
            }
        }
        double[] perSeed = Arrays.stream(scores).mapToDouble(row -> Correlations.spearman(row, target)).toArray();
        double mean = Arrays.stream(perSeed).average().orElse(Double.NaN);
        double std = perSeed.length > 1 ? sd.evaluate(perSeed) : Double.NaN;
        return new SeedVariance(scores.length, n, stdCount == 0 ? Double.NaN : stdSum / stdCount,
                pairs == 0 ? Double.NaN : pairSum / pairs, perSeed, mean, std);
    }
}
