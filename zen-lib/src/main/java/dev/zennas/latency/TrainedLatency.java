package dev.zennas.latency;

import dev.zennas.arch.Structure;
import dev.zennas.plot.Plots;
import dev.zennas.stats.Bootstrap;
import dev.zennas.stats.ConfidenceInterval;
import dev.zennas.stats.Correlations;
import dev.zennas.stats.IntervalTable;
import dev.zennas.train.ZenAccuracyStudy;
import dev.zennas.util.PrintedDecimals;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Trained CIFAR top-1 against latency measured here: the networks of a Zen-Score-vs-accuracy study (each trained with
 * the study's short schedule) measured as deployed with one protocol, so accuracy, latency, Zen-Score, #params and
 * FLOPs of the same networks sit in one table. Latency then also becomes a baseline predictor of accuracy, beside
 * #params and FLOPs: the rank correlation with top-1 is reported for all four.
 */
public final class TrainedLatency {
    /** Columns of {@link #measure}: net, zen_score, params_M, flops_M, top1, measured_ms, p90_ms, noise. */
    public static final String MEASURED_MS = "measured_ms";

    private TrainedLatency() {
    }

    /**
     * Measures every network of {@code study} at CIFAR resolution (32 px, {@code numClasses} classes, no SE, as the
     * study trained them) with {@code base}'s threads, batch, layout, clock and runs.
     */
    public static Table measure(ZenAccuracyStudy.Result study, int numClasses, MeasurementProtocol base, PrintWriter progress) {
        IntColumn net = IntColumn.create("net");
        DoubleColumn zen = DoubleColumn.create("zen_score");
        DoubleColumn params = DoubleColumn.create("params_M");
        DoubleColumn flops = DoubleColumn.create("flops_M");
        DoubleColumn top1 = DoubleColumn.create("top1");
        DoubleColumn median = DoubleColumn.create(MEASURED_MS);
        DoubleColumn p90 = DoubleColumn.create("p90_ms");
        DoubleColumn noise = DoubleColumn.create("noise");
        MeasurementProtocol p = base.toBuilder().resolution(32).numClasses(numClasses).se(false).build();
        for (ZenAccuracyStudy.Row row : study.rows()) {
            LatencyResult r = LatencyMeter.measure(Structure.parse(row.structure()), "net-" + row.index(), p);
            net.append(row.index());
            zen.append(row.zenScore());
            params.append(row.params() / 1e6);
            flops.append(row.flops() / 1e6);
            top1.append(row.top1());
            median.append(r.medianMs());
            p90.append(r.p90Ms());
            noise.append(r.noise());
            if (progress != null) {
                progress.printf(Locale.ROOT, "net-%02d: %.3f ms (noise %.2f), top-1 %.1f %%%n", row.index(), r.medianMs(),
                        r.noise(), row.top1());
                progress.flush();
            }
        }
        PrintedDecimals.set(3, zen, params, flops, median, p90, noise);
        return Table.create("trained networks measured here (" + p.deviceWithThreads() + ", batch " + p.batch() + ", "
                + p.clock().id() + " clock)", net, zen, params, flops, top1, median, p90, noise);
    }

    /**
     * Kendall τ (95 % bootstrap interval, seeded) of each predictor column — zen_score, params_M, flops_M and the
     * measured latency — with top-1, over the rows of {@code measured}.
     */
    public static Map<String, ConfidenceInterval> kendallWithTop1(Table measured, long seed) {
        double[] top1 = measured.doubleColumn("top1").asDoubleArray();
        Map<String, ConfidenceInterval> out = new LinkedHashMap<>();
        for (String c : new String[] {"zen_score", "params_M", "flops_M", MEASURED_MS}) {
            out.put(c, Bootstrap.interval95(measured.doubleColumn(c).asDoubleArray(), top1, Correlations::kendall, seed));
        }
        return out;
    }

    /** {@link #kendallWithTop1} as a table: predictor, kendall_tau, tau_95ci. */
    public static Table kendallTable(Map<String, ConfidenceInterval> tau) {
        return IntervalTable.of("rank correlation with trained top-1", "predictor",
                new IntervalTable.Statistic("kendall_tau", "tau_95ci", tau));
    }

    /** Trained top-1 against measured latency, one point per network. */
    public static Figure top1VsLatency(Table measured) {
        return Plots.scatter("Trained CIFAR-10 top-1 (short schedule) vs latency on this machine", measured, MEASURED_MS,
                "top1", null, Plots.Axes.titles("measured median latency here (ms)", "top-1 (%)"));
    }
}
