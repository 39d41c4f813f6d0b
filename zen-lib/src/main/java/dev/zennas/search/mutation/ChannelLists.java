package dev.zennas.search.mutation;

import dev.zennas.arch.Rounding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The width and depth mutation lists of the official search spaces (conventions §4.2).
 *
 * <p>The code multiplies by {2.5, 2, 1.5, 1.25, 1, 1/1.25, 1/1.5, 1/2, 1/2.5} (the paper says [0.5, 2]), clamps to at
 * least 8 (and, in XXBL, at most the width cap), rounds to a multiple of 8 with banker's rounding (conventions T11) and
 * de-duplicates. Order is kept (largest first) so candidate lists are reproducible; only multiplicities matter for
 * sampling.
 */
public final class ChannelLists {
    /** The official width multipliers, in the order the code lists them. */
    static final double[] WIDTH_FACTORS = {2.5, 2.0, 1.5, 1.25, 1.0, 1 / 1.25, 1 / 1.5, 1 / 2.0, 1 / 2.5};
    /** Smallest width the spaces allow. */
    public static final int MIN_WIDTH = 8;
    /** No upper clamp (the IDW_fixfc space). */
    public static final int NO_CAP = Integer.MAX_VALUE;

    private ChannelLists() {}

    /**
     * Candidate widths for a current width {@code c}: {@code smart_round(clamp(f·c, 8, cap), 8)}, de-duplicated.
     *
     * @param cap upper clamp ({@link #NO_CAP} for none; 2048 in the official XXBL space)
     */
    public static List<Integer> widths(int c, int cap) {
        if (c <= 0) throw new IllegalArgumentException("width must be positive, got " + c);
        if (cap < MIN_WIDTH) throw new IllegalArgumentException("width cap must be at least " + MIN_WIDTH + ", got " + cap);
        Set<Integer> out = new LinkedHashSet<>();
        for (double f : WIDTH_FACTORS) {
            double w = Math.min(cap, Math.max(MIN_WIDTH, c * f));
            out.add(Rounding.smartRound(w, 8));
        }
        return List.copyOf(out);
    }

    /**
     * Candidate sub-layer counts for a current count {@code l}: {L+2, L+1, L, L−1, L−2} with values ≤ 0 dropped
     * (the official "delete block" branch is unreachable), de-duplicated, largest first.
     */
    public static List<Integer> subLayers(int l) {
        if (l <= 0) throw new IllegalArgumentException("sub_layers must be positive, got " + l);
        List<Integer> out = new ArrayList<>();
        for (int d = 2; d >= -2; d--) if (l + d > 0) out.add(l + d);
        return List.copyOf(out);
    }
}
