package dev.zennas.reproduce;

import java.util.Locale;

/**
 * One row of the reproduction report: one published number, ours beside it, and the verdict.
 *
 * @param id        stable key (e.g. {@code released/zennet_cifar10_model_size1M_res32/params}); {@code --check}
 *                  matches rows by it
 * @param section   the report section
 * @param what      what the number is
 * @param paper     the published value as printed
 * @param ours      our value as printed (empty when there is none)
 * @param tolerance the tolerance as printed (empty when nothing is compared)
 * @param outcome   the verdict
 * @param reason    why it differs, why it cannot be reproduced here, or which stored result is missing
 * @param command   the command that produced ours (or would)
 * @param source    where the published number comes from (paper table or figure, README)
 */
public record Finding(String id, String section, String what, String paper, String ours, String tolerance,
                      Outcome outcome, String reason, String command, String source) {

    /**
     * Compares {@code ours} with {@code paper} under {@code tol}; {@code reasonIfDiffers} (may be empty) explains a
     * difference, after the measured gap.
     */
    public static Finding compare(String id, String section, String what, double paper, double ours, Tolerance tol,
                                  String reasonIfDiffers, String command, String source) {
        boolean ok = tol.within(paper, ours);
        String reason = "";
        if (!ok) {
            String gap = Double.isFinite(ours) ? String.format(Locale.ROOT, "off by %s (%s %%)", number(ours - paper),
                    number(100 * (ours - paper) / Math.abs(paper))) : "no finite value";
            reason = reasonIfDiffers == null || reasonIfDiffers.isEmpty() ? gap : gap + "; " + reasonIfDiffers;
        }
        return new Finding(id, section, what, number(paper), number(ours), tol.text(),
                ok ? Outcome.REPRODUCED : Outcome.DIFFERS, reason, command, source);
    }

    /** A number that cannot be compared here, with why and (where we have one) our nearest value. */
    public static Finding notHere(String id, String section, String what, String paper, String ours, String reason,
                                  String command, String source) {
        return new Finding(id, section, what, paper, ours, "", Outcome.NOT_HERE, reason, command, source);
    }

    /** A number read from a stored result that is not there. */
    public static Finding missing(String id, String section, String what, String paper, String missingFile,
                                  String command, String source) {
        return new Finding(id, section, what, paper, "", "", Outcome.MISSING,
                "missing " + missingFile + "; make it with: " + command, command, source);
    }

    /** A number only {@code --full} recomputes. */
    public static Finding skipped(String id, String section, String what, String paper, String command, String source) {
        return new Finding(id, section, what, paper, "", "", Outcome.SKIPPED, "recomputed by zen reproduce --full", command,
                source);
    }

    /** Up to 4 significant digits, no exponent for ordinary magnitudes, no trailing zeros. */
    public static String number(double v) {
        if (Double.isNaN(v)) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%.0f", v);
        double a = Math.abs(v);
        String s = a >= 1000 ? String.format(Locale.ROOT, "%.1f", v)
                : a >= 1 ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.4f", v);
        if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
