package dev.zennas.latency;

import java.util.Arrays;

/**
 * Summary of timed runs in milliseconds: runs above {@code median + 3 × 1.4826 × MAD} are dropped as outliers (a
 * descheduled thread, a page-fault storm on a shared machine); median, p90, mean and min are of the runs kept.
 * Fast outliers are kept: a forward cannot run faster than the machine allows.
 *
 * @param kept    the runs kept, in measured order
 * @param dropped how many runs were dropped
 * @param bound   the drop bound in ms
 */
public record RunStatistics(double[] kept, int dropped, double bound, double median, double p90, double mean,
                            double min) {

    /** Robust-scale multiple above which a run is an outlier. */
    public static final double OUTLIER_MADS = 3.0;

    public static RunStatistics of(double[] runsMs) {
        if (runsMs.length == 0) throw new IllegalArgumentException("no runs to summarise");
        double med = quantile(runsMs, 0.5);
        double[] dev = new double[runsMs.length];
        for (int i = 0; i < runsMs.length; i++) dev[i] = Math.abs(runsMs[i] - med);
        double mad = quantile(dev, 0.5) * 1.4826;
        // a floor of 1 % of the median keeps perfectly steady runs (MAD 0) from dropping a run 1 µs slower
        double bound = med + OUTLIER_MADS * Math.max(mad, 0.01 * med);
        double[] kept = Arrays.stream(runsMs).filter(v -> v <= bound).toArray();
        double mean = Arrays.stream(kept).average().orElse(Double.NaN);
        double min = Arrays.stream(kept).min().orElse(Double.NaN);
        return new RunStatistics(kept, runsMs.length - kept.length, bound, quantile(kept, 0.5), quantile(kept, 0.9),
                mean, min);
    }

    /** p90 / median: 1.0 is a perfectly steady machine; above 1.2 the numbers are noisy. */
    public double noise() {
        return p90 / median;
    }

    /** Linear-interpolated quantile (numpy's default). */
    public static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 1) return s[0];
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
