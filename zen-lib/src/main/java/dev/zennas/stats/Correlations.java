package dev.zennas.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Rank and linear correlations between a proxy score and an accuracy, computed with commons-math3 (no hand-written
 * rank statistics): Spearman ρ with average ranks for ties (= scipy's {@code spearmanr}), Kendall τ-b
 * (tie-corrected, = scipy's {@code kendalltau} default), Pearson r. Signs are kept.
 */
public final class Correlations {
    private Correlations() {
    }

    /** Spearman ρ over the pairs kept by {@link PairFilter#DROP_NAN}. */
    public static double spearman(double[] x, double[] y) {
        return spearman(x, y, PairFilter.DROP_NAN);
    }

    /** Spearman ρ over the pairs kept by {@code filter}; NaN when fewer than 2 pairs remain. */
    public static double spearman(double[] x, double[] y, PairFilter filter) {
        double[][] p = pairs(x, y, filter);
        if (p[0].length < 2) {
            return Double.NaN;
        }
        // SpearmansCorrelation ranks ±∞ like any other value (ties averaged); Pearson on ranks stays finite.
        return new SpearmansCorrelation().correlation(p[0], p[1]);
    }

    /** Kendall τ-b over the pairs kept by {@link PairFilter#DROP_NAN}. */
    public static double kendall(double[] x, double[] y) {
        return kendall(x, y, PairFilter.DROP_NAN);
    }

    /** Kendall τ-b over the pairs kept by {@code filter}; NaN when fewer than 2 pairs remain. */
    public static double kendall(double[] x, double[] y, PairFilter filter) {
        double[][] p = pairs(x, y, filter);
        if (p[0].length < 2) {
            return Double.NaN;
        }
        return new KendallsCorrelation().correlation(p[0], p[1]);
    }

    /** Pearson r over the finite pairs (±∞ carry no linear information); NaN when fewer than 2 remain. */
    public static double pearson(double[] x, double[] y) {
        double[][] p = pairs(x, y, PairFilter.DROP_NON_FINITE);
        if (p[0].length < 2) {
            return Double.NaN;
        }
        return new PearsonsCorrelation().correlation(p[0], p[1]);
    }

    /** Number of pairs {@code filter} keeps. */
    public static int count(double[] x, double[] y, PairFilter filter) {
        return pairs(x, y, filter)[0].length;
    }

    /** The statistic named by {@code kind}. */
    public static double of(Statistic kind, double[] x, double[] y, PairFilter filter) {
        return switch (kind) {
            case SPEARMAN -> spearman(x, y, filter);
            case KENDALL -> kendall(x, y, filter);
            case PEARSON -> pearson(x, y);
        };
    }

    /** The three correlation statistics. */
    public enum Statistic {
        SPEARMAN("spearman"), KENDALL("kendall"), PEARSON("pearson");

        private final String id;

        Statistic(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Keeps the pairs {@code filter} accepts; returns {x', y'}. */
    static double[][] pairs(double[] x, double[] y, PairFilter filter) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("score and target arrays differ in length: " + x.length + " vs "
                    + y.length);
        }
        double[] a = new double[x.length];
        double[] b = new double[y.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (filter.keep(x[i], y[i])) {
                a[n] = x[i];
                b[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(a, n), Arrays.copyOf(b, n)};
    }
}
