package dev.zennas.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapAndTopKTest {

    private static double[][] noisyLine(int n, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble();
            y[i] = x[i] + noise * (r.nextDouble() - 0.5);
        }
        return new double[][] {x, y};
    }

    @Test
    void bootstrapIsSeededAndBracketsTheEstimate() {
        double[][] xy = noisyLine(300, 1.0, 1);
        ConfidenceInterval a = Bootstrap.interval(xy[0], xy[1], Correlations::spearman, 400, 0.95, 7);
        ConfidenceInterval b = Bootstrap.interval(xy[0], xy[1], Correlations::spearman, 400, 0.95, 7);
        ConfidenceInterval c = Bootstrap.interval(xy[0], xy[1], Correlations::spearman, 400, 0.95, 8);
        assertThat(a).isEqualTo(b);
        assertThat(a.low()).isNotEqualTo(c.low());
        assertThat(a.estimate()).isEqualTo(Correlations.spearman(xy[0], xy[1]));
        assertThat(a.covers(a.estimate())).isTrue();
        // Fisher-z standard error of ρ at n = 300 is ≈ (1 − ρ²)/sqrt(n): the interval should be about ±2 of it.
        double se = (1 - a.estimate() * a.estimate()) / Math.sqrt(300);
        assertThat(a.halfWidth()).isBetween(1.4 * se, 2.8 * se);
        assertThatThrownBy(() -> Bootstrap.interval(xy[0], xy[1], Correlations::spearman, 0, 0.95, 1))
                .hasMessageContaining("resamples");
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] s = {1, 2, 3, 4, 5};
        assertThat(Bootstrap.percentile(s, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Bootstrap.percentile(s, 0.975)).isCloseTo(4.9, within(1e-12));
    }

    @Test
    void precisionAtKByHand() {
        double[] acc = {90, 80, 70, 60, 50, 40};
        double[] score = {5, 1, 6, 4, 2, 3}; // top-2 by score: idx 2, 0; top-2 by acc: 0, 1
        assertThat(TopK.topIndices(score, 3)).containsExactly(2, 0, 3);
        assertThat(TopK.precisionAtK(score, acc, 2)).isEqualTo(0.5);
        assertThat(TopK.precisionAtK(score, acc, 3)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(TopK.precisionAtK(acc, acc, 4)).isEqualTo(1.0);
        assertThat(TopK.overlap(score, acc, 6)).isEqualTo(6);
        assertThat(TopK.precisionAtFraction(score, acc, 0.5)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(TopK.meanAccuracyOfTop(score, acc, 2)).isEqualTo(80.0);
        assertThat(TopK.bestAccuracyOfTop(score, acc, 2)).isEqualTo(90.0);
        // ties at the cut: lower index first
        assertThat(TopK.topIndices(new double[] {1, 3, 3, 3}, 2)).containsExactly(1, 2);
        assertThatThrownBy(() -> TopK.topIndices(score, 7)).hasMessageContaining("k must be");
    }

    @Test
    void seedVarianceSummarisesSeeds() {
        double[] target = {1, 2, 3, 4, 5};
        double[][] scores = {{1, 2, 3, 4, 5}, {1, 2, 3, 5, 4}, {2, 1, 3, 4, 5}};
        SeedVariance v = SeedVariance.of(scores, target);
        assertThat(v.seeds()).isEqualTo(3);
        assertThat(v.spearmanPerSeed()).containsExactly(1.0, 0.9, 0.9);
        assertThat(v.spearmanMean()).isCloseTo(2.8 / 3, within(1e-12));
        assertThat(v.meanSeedToSeedSpearman()).isCloseTo((0.9 + 0.9 + 0.8) / 3, within(1e-12));
        // per-arch std: arch 0 {1,1,2}, 1 {2,2,1}, 3 {4,5,4}, 4 {5,4,5} → std 0.57735 each; arch 2 → 0
        assertThat(v.meanPerArchStd()).isCloseTo(4 * Math.sqrt(1.0 / 3) / 5, within(1e-12));
    }

    @Test
    void pairedDifferenceSeparatesABetterProxy() {
        double[][] good = noisyLine(400, 0.3, 5);
        SplittableRandom r = new SplittableRandom(9);
        double[] worse = new double[400];
        for (int i = 0; i < 400; i++) {
            worse[i] = good[0][i] + 1.5 * (r.nextDouble() - 0.5);
        }
        double[] y = good[1];
        ConfidenceInterval d = Bootstrap.difference(good[0], worse, y, Correlations::spearman, 300, 0.95, 3);
        assertThat(d.estimate()).isCloseTo(Correlations.spearman(good[0], y) - Correlations.spearman(worse, y),
                within(1e-12));
        assertThat(d.low()).isGreaterThan(0);
        ConfidenceInterval same = Bootstrap.difference(good[0], good[0], y, Correlations::spearman, 50, 0.95, 3);
        assertThat(same.low()).isEqualTo(0.0);
        assertThat(same.high()).isEqualTo(0.0);
    }
}
