package dev.zennas.stats;

/**
 * Which (score, target) pairs a correlation keeps.
 */
public enum PairFilter {
    /**
     * Drop pairs with a NaN on either side; keep ±∞. For rank statistics −∞ is then simply the lowest rank, which
     * ranks a disconnected NB201 cell exactly like NASLib's −1e8 sentinel. Pearson always skips non-finite pairs.
     */
    DROP_NAN,
    /** Drop pairs with a NaN or ±∞ on either side (what the computed anchors do for NASLib's {@code nwot = -inf}). */
    DROP_NON_FINITE;

    boolean keep(double a, double b) {
        return switch (this) {
            case DROP_NAN -> !Double.isNaN(a) && !Double.isNaN(b);
            case DROP_NON_FINITE -> Double.isFinite(a) && Double.isFinite(b);
        };
    }
}
