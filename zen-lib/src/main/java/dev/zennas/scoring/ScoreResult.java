package dev.zennas.scoring;

import dev.zennas.proxy.ProxyResult;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The outcome of one work unit: the proxy's result, or the one-line reason it failed (impossible settings, a network
 * over the memory budget, an engine error).
 *
 * @param key     the work unit's key
 * @param result  the proxy result; null when {@code failure} is set
 * @param failure why scoring failed; null on success
 * @param seconds wall time of the unit (network build and every repeat)
 */
public record ScoreResult(long key, ProxyResult result, String failure, double seconds) implements Serializable {

    public ScoreResult {
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("a score result has either a result or a failure");
        }
    }

    public boolean failed() {
        return failure != null;
    }

    /** The mean over the finite repeats (NaN when none is, or on failure): the search's fitness. */
    public double mean() {
        return failed() ? Double.NaN : result.mean();
    }

    /**
     * The correlation study's value: the mean of the repeats when all are finite; otherwise −∞ if any repeat is −∞
     * (e.g. ln 0 of a constant network), else NaN; NaN on failure.
     */
    public double studyValue() {
        if (failed()) {
            return Double.NaN;
        }
        double[] v = result.values();
        if (Arrays.stream(v).allMatch(Double::isFinite)) {
            return Arrays.stream(v).average().orElse(Double.NaN);
        }
        return Arrays.stream(v).anyMatch(x -> x == Double.NEGATIVE_INFINITY) ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
}
