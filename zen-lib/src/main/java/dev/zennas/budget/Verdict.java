package dev.zennas.budget;

/** Outcome of the constraint checks of one candidate, in the official order (conventions §4.3). */
public enum Verdict {
    ACCEPTED, LAYERS, PARAMS, FLOPS, LATENCY;

    /** Lower-case name used in ledgers and tables. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
