package dev.zennas.stats;

/**
 * A point estimate with a (bootstrap percentile) confidence interval.
 *
 * @param estimate the statistic on the full sample
 * @param low lower bound (2.5 % percentile for a 95 % interval)
 * @param high upper bound
 * @param level confidence level, e.g. 0.95
 * @param resamples number of bootstrap resamples used (0 when no interval was computed: low = high = NaN)
 */
public record ConfidenceInterval(double estimate, double low, double high, double level, int resamples) {

    /** True when {@code value} lies inside [low, high]. */
    public boolean covers(double value) {
        return value >= low && value <= high;
    }

    /** Half the width of the interval. */
    public double halfWidth() {
        return (high - low) / 2;
    }

    @Override
    public String toString() {
        return String.format("%.4f [%.4f, %.4f]", estimate, low, high);
    }
}
