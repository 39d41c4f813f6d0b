package dev.zennas.proxy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of scoring one target.
 *
 * @param proxy            proxy name
 * @param mean             mean over the finite repeat values (NaN when none is finite)
 * @param std              sample standard deviation (n−1) of the finite values; 0 for one value
 * @param ci95Low          mean − 1.96·std/√n
 * @param ci95High         mean + 1.96·std/√n
 * @param values           every repeat's value in order; a repeat whose score was NaN/±Inf keeps that value here
 * @param secondsPerRepeat wall time per repeat (build + init + forward/backward + reduction)
 * @param parts            named per-repeat components, e.g. "log_delta" and "bn_term" for zen
 */
public record ProxyResult(String proxy, double mean, double std, double ci95Low, double ci95High, double[] values,
                          double secondsPerRepeat, Map<String, double[]> parts)
        implements java.io.Serializable {

    public ProxyResult {
        values = values.clone();
        Map<String, double[]> copy = new LinkedHashMap<>();
        parts.forEach((k, v) -> copy.put(k, v.clone()));
        parts = Collections.unmodifiableMap(copy);
    }

    /** Builds the statistics from per-repeat values. */
    public static ProxyResult of(String proxy, double[] values, double secondsPerRepeat, Map<String, double[]> parts) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        int n = finite.length;
        double mean = n == 0 ? Double.NaN : Arrays.stream(finite).sum() / n;
        double ss = 0;
        for (double v : finite) {
            ss += (v - mean) * (v - mean);
        }
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0;
        double half = n > 0 ? 1.96 * std / Math.sqrt(n) : Double.NaN;
        return new ProxyResult(proxy, mean, std, mean - half, mean + half, values, secondsPerRepeat, parts);
    }

    /** Number of repeats. */
    public int repeats() {
        return values.length;
    }

    /** Number of repeats whose value was NaN or infinite. */
    public int nonFiniteCount() {
        return (int) Arrays.stream(values).filter(v -> !Double.isFinite(v)).count();
    }

    /** Whether every repeat gave a finite value. */
    public boolean isFinite() {
        return nonFiniteCount() == 0;
    }

    /**
     * The mean, or {@code fallback} when no repeat was finite — e.g. {@code scoreOr(-9999)} reproduces the official
     * search's failure value.
     */
    public double scoreOr(double fallback) {
        return Double.isFinite(mean) ? mean : fallback;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * The result with the settings that produced it, as {@code zen score --json} prints it: statistics, every repeat's
     * value and part, the settings; the convention and BN-statistics keys only for zen, the one proxy that reads them.
     *
     * @param arch      what the network is called (released name, file name or "structure")
     * @param structure the structure string
     * @param classes   classes of the scored network's head
     */
    public JsonObject toJson(String arch, String structure, ProxySettings settings, int classes) {
        JsonObject o = new JsonObject();
        o.addProperty("proxy", proxy);
        o.addProperty("arch", arch);
        o.addProperty("structure", structure);
        o.addProperty("mean", mean);
        o.addProperty("std", std);
        JsonArray ci = new JsonArray();
        ci.add(ci95Low);
        ci.add(ci95High);
        o.add("ci95", ci);
        o.addProperty("repeats", repeats());
        o.add("values", array(values));
        o.addProperty("seconds_per_repeat", secondsPerRepeat);
        o.addProperty("batch", settings.batchSize());
        o.addProperty("resolution", settings.resolution());
        o.addProperty("classes", classes);
        o.addProperty("gamma", settings.gamma());
        o.addProperty("seed", settings.seed());
        if (proxy.equals("zen")) {
            o.addProperty("convention", settings.convention().name());
            o.addProperty("accumulate_bn_stats", settings.accumulateBnStats());
        }
        o.addProperty("non_finite", nonFiniteCount());
        JsonObject byPart = new JsonObject();
        parts.forEach((key, arr) -> byPart.add(key, array(arr)));
        o.add("parts", byPart);
        return o;
    }

    /**
     * One line as {@code zen score} prints it: proxy (with convention and γ for zen), network, batch, resolution, mean
     * ± std, the 95% interval and the time per repeat; a second line warns when repeats were non-finite, because the
     * mean silently leaves them out.
     */
    public String summary(String arch, ProxySettings settings) {
        boolean zen = proxy.equals("zen");
        String line = String.format("%s of %s (batch %d, resolution %d%s): %.4f ± %.4f  (95%% CI %.4f .. %.4f, %d repeat%s,"
                        + " %.3f s/repeat)", zen ? "zen (convention " + settings.convention() + ")" : proxy, arch,
                settings.batchSize(), settings.resolution(), zen ? ", gamma " + settings.gamma() : "", mean, std, ci95Low,
                ci95High, repeats(), repeats() == 1 ? "" : "s", secondsPerRepeat);
        if (isFinite()) return line;
        return line + String.format("%nwarning: %d of %d repeats gave a non-finite score (excluded from the mean)",
                nonFiniteCount(), repeats());
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) a.add(v);
        return a;
    }

    @Override
    public String toString() {
        return String.format("%s: %.4f ± %.4f (95%% CI %.4f..%.4f, n=%d, %.3f s/repeat)", proxy, mean, std, ci95Low,
                ci95High, values.length, secondsPerRepeat);
    }
}
