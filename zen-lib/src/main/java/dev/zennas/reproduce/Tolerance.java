package dev.zennas.reproduce;

import java.util.Locale;

/**
 * How far ours may be from the paper's value and still count as reproduced: the larger of an absolute and a relative
 * bound, with the reason for its size (rounding of the published digits, sampling error, values read off a plot).
 */
public record Tolerance(double absolute, double relative, String why) {

    public static Tolerance absolute(double a, String why) {
        return new Tolerance(a, 0, why);
    }

    public static Tolerance relative(double r, String why) {
        return new Tolerance(0, r, why);
    }

    /** The bound around {@code paper}. */
    public double bound(double paper) {
        return Math.max(absolute, relative * Math.abs(paper));
    }

    public boolean within(double paper, double ours) {
        return Double.isFinite(ours) && Math.abs(ours - paper) <= bound(paper) + 1e-12;
    }

    /** "±3 %" or "±0.2", with the reason. */
    public String text() {
        String b = relative > 0 && absolute == 0 ? String.format(Locale.ROOT, "±%s %%", Finding.number(relative * 100))
                : relative == 0 ? "±" + Finding.number(absolute)
                : String.format(Locale.ROOT, "±max(%s, %s %%)", Finding.number(absolute), Finding.number(relative * 100));
        return why == null || why.isEmpty() ? b : b + " (" + why + ")";
    }
}
