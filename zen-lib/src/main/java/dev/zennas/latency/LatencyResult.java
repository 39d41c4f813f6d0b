package dev.zennas.latency;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.OptionalDouble;

/**
 * A measured latency and how it was measured.
 *
 * @param protocol         the protocol followed (its layout may be AUTO)
 * @param arch             what the network was called (released name, file name or "structure")
 * @param structure        the structure string
 * @param layout           the layout the reported numbers were measured in (the faster one under AUTO)
 * @param stats            the timed runs of that layout
 * @param otherLayoutMs    under AUTO, the median of the other layout
 * @param estimatedBytes   the activation and weight memory estimated before running
 */
public record LatencyResult(MeasurementProtocol protocol, String arch, String structure, MemoryLayout layout,
                            RunStatistics stats, OptionalDouble otherLayoutMs, long estimatedBytes) {

    public double medianMs() { return stats.median(); }
    public double p90Ms() { return stats.p90(); }
    /** Median per image: median / batch. */
    public double perImageMs() { return stats.median() / protocol.batch(); }
    public double noise() { return stats.noise(); }

    /**
     * The result as one line: median, p90, noise and per-image time, how it was measured, how many runs were kept,
     * and under AUTO which layout won. A notebook prints the same line as {@code zen latency}.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(
                "%s: median %.3f ms, p90 %.3f ms (noise p90/median %.2f), %.3f ms per image; batch %d, resolution %d,"
                        + " %s, %s; %d runs kept, %d outlier%s dropped",
                arch, medianMs(), p90Ms(), noise(), perImageMs(), protocol.batch(), protocol.resolution(),
                protocol.deviceWithThreads(), layout.id(), stats.kept().length, stats.dropped(),
                stats.dropped() == 1 ? "" : "s"));
        otherLayoutMs.ifPresent(o -> sb.append(String.format("; %s is faster (the other layout: median %.3f ms)",
                layout.id(), o)));
        return sb.toString();
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("arch", arch);
        o.addProperty("structure", structure);
        o.addProperty("median_ms", round(stats.median()));
        o.addProperty("p90_ms", round(stats.p90()));
        o.addProperty("mean_ms", round(stats.mean()));
        o.addProperty("min_ms", round(stats.min()));
        o.addProperty("per_image_ms", round(perImageMs()));
        o.addProperty("noise", Math.round(noise() * 1000) / 1000.0);
        o.addProperty("batch", protocol.batch());
        o.addProperty("resolution", protocol.resolution());
        o.addProperty("threads", protocol.threads());
        o.addProperty("device", protocol.device());
        o.addProperty("layout", layout.id());
        if (otherLayoutMs.isPresent()) {
            MemoryLayout other = layout == MemoryLayout.NCHW ? MemoryLayout.CHANNELS_LAST : MemoryLayout.NCHW;
            o.addProperty("other_layout", other.id());
            o.addProperty("other_layout_median_ms", round(otherLayoutMs.getAsDouble()));
            o.addProperty("faster_layout", layout.id());
        }
        o.addProperty("runs_kept", stats.kept().length);
        o.addProperty("outliers_dropped", stats.dropped());
        o.addProperty("outlier_bound_ms", round(stats.bound()));
        JsonArray runs = new JsonArray();
        for (double v : stats.kept()) runs.add(round(v));
        o.add("runs_ms", runs);
        o.addProperty("estimated_memory_mib", Math.round(estimatedBytes / 1048576.0));
        o.add("protocol", protocol.toJson());
        return o;
    }

    static double round(double ms) {
        return Math.round(ms * 10000) / 10000.0;
    }
}
