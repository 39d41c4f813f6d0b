package dev.zennas.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Top-k agreement between a proxy and the accuracy: does the proxy put the same architectures at the top?
 * Ties at the cut are broken by position (lower index first), so results are deterministic. NaN entries never
 * enter a top-k set.
 */
public final class TopK {
    private TopK() {
    }

    /**
     * Indices of the {@code k} largest values (NaN excluded), largest first.
     *
     * @throws IllegalArgumentException if k is not in [1, number of non-NaN values]
     */
    public static int[] topIndices(double[] values, int k) {
        Integer[] idx = IntStream.range(0, values.length).filter(i -> !Double.isNaN(values[i])).boxed()
                .toArray(Integer[]::new);
        if (k < 1 || k > idx.length) {
            throw new IllegalArgumentException("k must be in [1, " + idx.length + "], got " + k);
        }
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -values[i]).thenComparingInt(i -> i));
        int[] top = new int[k];
        for (int i = 0; i < k; i++) {
            top[i] = idx[i];
        }
        return top;
    }

    /**
     * Fraction of the proxy's top-k that is also in the accuracy's top-k (|top_k(score) ∩ top_k(acc)| / k). This is
     * precision@k with "relevant" = among the k most accurate, and equals the top-k overlap.
     */
    public static double precisionAtK(double[] score, double[] accuracy, int k) {
        if (score.length != accuracy.length) {
            throw new IllegalArgumentException("score and accuracy differ in length");
        }
        Set<Integer> best = new HashSet<>();
        for (int i : topIndices(accuracy, k)) {
            best.add(i);
        }
        int hit = 0;
        for (int i : topIndices(score, k)) {
            if (best.contains(i)) {
                hit++;
            }
        }
        return (double) hit / k;
    }

    /** {@link #precisionAtK} with k = ceil(fraction · n), e.g. fraction 0.01 for the top 1 %. */
    public static double precisionAtFraction(double[] score, double[] accuracy, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        int k = Math.max(1, (int) Math.ceil(fraction * score.length));
        return precisionAtK(score, accuracy, k);
    }

    /** Size of the intersection of the two top-k sets (not normalised). */
    public static int overlap(double[] a, double[] b, int k) {
        return (int) Math.round(precisionAtK(a, b, k) * k);
    }

    /** Mean accuracy of the proxy's top-k architectures. */
    public static double meanAccuracyOfTop(double[] score, double[] accuracy, int k) {
        return Arrays.stream(topIndices(score, k)).mapToDouble(i -> accuracy[i]).average().orElse(Double.NaN);
    }

    /** Best accuracy among the proxy's top-k architectures. */
    public static double bestAccuracyOfTop(double[] score, double[] accuracy, int k) {
        return Arrays.stream(topIndices(score, k)).mapToDouble(i -> accuracy[i]).max().orElse(Double.NaN);
    }
}
