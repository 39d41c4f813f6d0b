package dev.zennas.study;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.zennas.stats.ConfidenceInterval;
import dev.zennas.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of a {@link CorrelationStudy}.
 *
 * @param config what was computed (how the run executed it is not part of the result)
 * @param indices the architectures, ascending
 * @param scores one row per architecture: {@code arch_index, arch_str, [connected], <proxy>..., <target>...}
 * @param summary long format: {@code proxy, space, dataset, target, statistic, value, ci_low, ci_high, n}
 * @param proxies one summary per proxy, in config order
 * @param differences every pair of proxies (in config order), paired bootstrap difference of Spearman ρ
 * @param wallSeconds wall time of the whole run
 */
public record StudyResult(StudyConfig config, int[] indices, Table scores, Table summary, List<ProxySummary> proxies,
        List<PairedDifference> differences, double wallSeconds) {

    /** The summary of {@code proxy}. */
    public ProxySummary summaryOf(String proxy) {
        return proxies.stream().filter(p -> p.proxy().equals(proxy)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("proxy '" + proxy + "' was not part of this study"));
    }

    /** Builds the long-format summary table. */
    static Table summaryTable(List<ProxySummary> summaries) {
        Table t = Table.create("summary");
        StringColumn proxy = StringColumn.create("proxy");
        StringColumn space = StringColumn.create("space");
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn target = StringColumn.create("target");
        StringColumn statistic = StringColumn.create("statistic");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn low = DoubleColumn.create("ci_low");
        DoubleColumn high = DoubleColumn.create("ci_high");
        IntColumn n = IntColumn.create("n");
        for (ProxySummary s : summaries) {
            Object[][] rows = {{"spearman", s.spearman()}, {"kendall", s.kendall()}, {"pearson", s.pearson()},
                    {"precision_at_10pct", s.precisionAt10pct()}, {"top10pct_mean_acc", s.top10pctMeanAccuracy()}};
            for (Object[] row : rows) {
                proxy.append(s.proxy());
                space.append(s.space());
                dataset.append(s.dataset());
                target.append(s.target());
                statistic.append((String) row[0]);
                if (row[1] instanceof ConfidenceInterval ci) {
                    value.append(ci.estimate());
                    low.append(ci.low());
                    high.append(ci.high());
                } else {
                    value.append((Double) row[1]);
                    low.append(Double.NaN);
                    high.append(Double.NaN);
                }
                n.append(s.n());
            }
        }
        t.addColumns(proxy, space, dataset, target, statistic, value, low, high, n);
        return t;
    }

    /**
     * JSON: {@code {space, dataset, target, sample, seed, batch, wall_seconds, proxies: [{proxy, n, spearman,
     * spearman_ci_low, spearman_ci_high, kendall, kendall_ci_low, kendall_ci_high, pearson, ..., precision_at_10pct,
     * seconds_per_arch, computed, cached, failed}], paired_differences: [{proxy, versus, n, spearman_difference,
     * spearman_difference_ci_low, spearman_difference_ci_high}]}}.
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("space", config.space().id());
        o.addProperty("dataset", config.dataset().id());
        o.addProperty("target", config.target());
        o.addProperty("archs", indices.length);
        o.addProperty("seed", config.seed());
        o.addProperty("batch", config.batchSize());
        o.addProperty("repeats", config.repeats());
        o.addProperty("wall_seconds", Math.round(wallSeconds * 100) / 100.0);
        JsonArray arr = new JsonArray();
        for (ProxySummary s : proxies) {
            JsonObject p = new JsonObject();
            p.addProperty("proxy", s.proxy());
            p.addProperty("n", s.n());
            put(p, "spearman", s.spearman());
            put(p, "kendall", s.kendall());
            put(p, "pearson", s.pearson());
            p.addProperty("precision_at_10pct", round(s.precisionAt10pct()));
            p.addProperty("top10pct_mean_acc", round(s.top10pctMeanAccuracy()));
            p.addProperty("seconds_per_arch", round(s.secondsPerArch()));
            p.addProperty("computed", s.computed());
            p.addProperty("cached", s.cached());
            p.addProperty("failed", s.failed());
            arr.add(p);
        }
        o.add("proxies", arr);
        JsonArray diffs = new JsonArray();
        for (PairedDifference d : differences) {
            JsonObject p = new JsonObject();
            p.addProperty("proxy", d.proxy());
            p.addProperty("versus", d.versus());
            p.addProperty("n", d.n());
            put(p, "spearman_difference", d.spearman());
            diffs.add(p);
        }
        o.add("paired_differences", diffs);
        return o;
    }

    private static void put(JsonObject o, String name, ConfidenceInterval ci) {
        o.addProperty(name, round(ci.estimate()));
        o.addProperty(name + "_ci_low", round(ci.low()));
        o.addProperty(name + "_ci_high", round(ci.high()));
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }

    /** Writes {@code scores.csv}, {@code summary.csv} and {@code summary.json} into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            scores.write().csv(dir.resolve("scores.csv").toFile());
            summary.write().csv(dir.resolve("summary.csv").toFile());
            Files.writeString(dir.resolve("summary.json"), Json.print(toJson()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write study results to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A short human-readable table: one line per proxy, then one per pair of proxies. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s %s, target %s, %d archs, seed %d, batch %d (%.1f s)%n", config.space().id(),
                config.dataset().id(), config.target(), indices.length, config.seed(), config.batchSize(),
                wallSeconds));
        sb.append(String.format("%-10s %6s %24s %24s %8s %8s%n", "proxy", "n", "spearman [95% CI]",
                "kendall [95% CI]", "p@10%", "s/arch"));
        for (ProxySummary s : proxies) {
            sb.append(String.format("%-10s %6d %24s %24s %8.3f %8.3f%n", s.proxy(), s.n(), s.spearman(), s.kendall(),
                    s.precisionAt10pct(), s.secondsPerArch()));
        }
        if (!differences.isEmpty()) {
            sb.append(String.format("%-21s %6s %30s%n", "paired difference", "n", "rho(a) - rho(b) [95% CI]"));
            for (PairedDifference d : differences) {
                sb.append(String.format("%-21s %6d %30s%n", d.proxy() + " - " + d.versus(), d.n(), d.spearman()));
            }
        }
        return sb.toString();
    }
}
