package dev.zennas.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Seeded nonparametric bootstrap over (score, target) pairs: resample the pairs with replacement, recompute the
 * statistic, take the percentile interval. The same seed gives the same interval, whatever the thread count.
 */
public final class Bootstrap {
    /** Default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 1000;

    private Bootstrap() {
    }

    /**
     * Percentile bootstrap interval of {@code statistic(x, y)}.
     *
     * @param x scores
     * @param y targets (same length)
     * @param statistic the statistic, e.g. {@code Correlations::spearman}
     * @param resamples number of resamples (≥ 1)
     * @param level confidence level in (0, 1), e.g. 0.95
     * @param seed RNG seed
     */
    public static ConfidenceInterval interval(double[] x, double[] y, ToDoubleBiFunction<double[], double[]> statistic,
            int resamples, double level, long seed) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        double estimate = statistic.applyAsDouble(x, y);
        int n = x.length;
        if (n < 2) {
            return new ConfidenceInterval(estimate, Double.NaN, Double.NaN, level, 0);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        double[] bx = new double[n];
        double[] by = new double[n];
        int valid = 0;
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                bx[i] = x[k];
                by[i] = y[k];
            }
            double s = statistic.applyAsDouble(bx, by);
            if (!Double.isNaN(s)) {
                stats[valid++] = s;
            }
        }
        if (valid == 0) {
            return new ConfidenceInterval(estimate, Double.NaN, Double.NaN, level, resamples);
        }
        double[] sorted = Arrays.copyOf(stats, valid);
        Arrays.sort(sorted);
        double alpha = (1 - level) / 2;
        return new ConfidenceInterval(estimate, percentile(sorted, alpha), percentile(sorted, 1 - alpha), level,
                resamples);
    }

    /** 95 % interval with {@value #DEFAULT_RESAMPLES} resamples. */
    public static ConfidenceInterval interval95(double[] x, double[] y,
            ToDoubleBiFunction<double[], double[]> statistic, long seed) {
        return interval(x, y, statistic, DEFAULT_RESAMPLES, 0.95, seed);
    }

    /** Linear-interpolated percentile of sorted data (numpy's default "linear" method). */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }
}
