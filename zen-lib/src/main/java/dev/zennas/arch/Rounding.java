package dev.zennas.arch;

/**
 * The official code's rounding helpers. Python's {@code round} is banker's rounding (half to even), so these use
 * {@link Math#rint}, never {@link Math#round} (conventions T11).
 */
public final class Rounding {
    private Rounding() {}

    /** {@code smart_round(x, base) = max(base, round(x / base) * base)} with half-to-even rounding (conventions §3.3). */
    public static int smartRound(double x, int base) {
        return (int) Math.max(base, Math.rint(x / base) * base);
    }

    /** {@code smart_round(x)} without a base: 32 above 256, 16 above 128, else 8. */
    public static int smartRound(double x) {
        int base = x > 256 ? 32 : x > 128 ? 16 : 8;
        return smartRound(x, base);
    }

    /** Squeeze-excite width {@code max(1, int(round(C * 0.25)))} (conventions §3.2). */
    public static int seWidth(int channels) {
        return (int) Math.max(1, Math.rint(channels * 0.25));
    }
}
