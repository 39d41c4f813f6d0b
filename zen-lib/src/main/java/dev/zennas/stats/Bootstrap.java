package dev.zennas.stats;

import dev.zennas.util.SplitMix;
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
        // Resample r draws from its own stream derived from (seed, r), so the resamples can run in parallel and the
        // interval is the same for any thread count.
        double[] stats = java.util.stream.IntStream.range(0, resamples).parallel().mapToDouble(r -> {
            SplittableRandom rng = new SplittableRandom(mix(mix(seed) + SplitMix.GAMMA * (r + 1L)));
            double[] bx = new double[n];
            double[] by = new double[n];
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                bx[i] = x[k];
                by[i] = y[k];
            }
            return statistic.applyAsDouble(bx, by);
        }).filter(v -> !Double.isNaN(v)).toArray();
        int valid = stats.length;
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

    /**
     * Paired bootstrap interval of {@code statistic(a, y) − statistic(b, y)}: do two proxies scored on the same
     * architectures differ? The same resampled architectures enter both terms, so their shared noise cancels.
     */
    public static ConfidenceInterval difference(double[] a, double[] b, double[] y,
            ToDoubleBiFunction<double[], double[]> statistic, int resamples, double level, long seed) {
        if (a.length != y.length || b.length != y.length) {
            throw new IllegalArgumentException("a, b and y must have the same length");
        }
        double[] index = new double[y.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        // Resample architecture indices; the statistic looks the three columns up through them.
        return interval(index, index, (ix, unused) -> {
            double[] ra = new double[ix.length];
            double[] rb = new double[ix.length];
            double[] ry = new double[ix.length];
            for (int i = 0; i < ix.length; i++) {
                int k = (int) ix[i];
                ra[i] = a[k];
                rb[i] = b[k];
                ry[i] = y[k];
            }
            return statistic.applyAsDouble(ra, ry) - statistic.applyAsDouble(rb, ry);
        }, resamples, level, seed);
    }

    private static long mix(long z) {
        return SplitMix.mix(z);
    }

    /**
     * A resample count that keeps intervals affordable on large samples: {@code requested} up to 2,000 pairs, at
     * most 200 above (one Spearman or Kendall on 15,625 pairs costs ~60 ms here; at that n the 95 % interval is
     * ±0.01 wide and 200 resamples pin its ends to a few 1e-3).
     */
    public static int affordableResamples(int requested, int n) {
        return n > 2000 ? Math.min(requested, 200) : requested;
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
