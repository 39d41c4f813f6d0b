package dev.zennas.reproduce;

/** The verdict on one published number. */
public enum Outcome {
    /** Ours is within the tolerance of the paper's value. */
    REPRODUCED("reproduced"),
    /** Ours is outside the tolerance; the finding says why where the cause is known. */
    DIFFERS("differs"),
    /** Needs what this machine lacks (ImageNet, GPUs, a phone, a proxy the workbench does not implement). */
    NOT_HERE("not reproducible here"),
    /** A stored result the number is read from is missing; the finding names the command that makes it. */
    MISSING("stored result missing"),
    /** Recomputed only by {@code zen reproduce --full}. */
    SKIPPED("not run with --quick");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The outcome of a label (as written in {@code findings.csv}). */
    public static Outcome ofLabel(String label) {
        for (Outcome o : values()) {
            if (o.label.equals(label)) return o;
        }
        throw new IllegalArgumentException("unknown verdict '" + label + "'");
    }
}
