package dev.zennas.latency;

import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import dev.zennas.plot.Plots;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The predictor's error: predicted against measured latency on the 15 released nets (at their own resolution and
 * classes, SE as deployed) and on a seeded sample of random structures of both search spaces, drawn with another seed
 * than the calibration networks.
 *
 * @param rows one row per network: name, group, resolution, predicted_ms, measured_ms, noise, error_pct
 */
public record PredictionReport(Table rows, MeasurementProtocol protocol) {

    /** Seed of the random sample (the table's calibration uses {@link TableBuilder#CALIBRATION_SEED}). */
    public static final long DEFAULT_SEED = 7;

    /**
     * Measures and predicts every network. {@code base} gives threads, batch, layout, warm-up and runs (its resolution,
     * classes and SE are set per network).
     */
    public static PredictionReport run(LatencyPredictor predictor, MeasurementProtocol base, int randomPerSpace,
                                       long seed, boolean released, PrintWriter progress) {
        return run(predictor, base, released ? r -> true : r -> false, List.of("XXBL", "IDW"), randomPerSpace, seed,
                progress);
    }

    /**
     * As above, with the released nets chosen by {@code released} and random structures drawn from {@code spaces}
     * ({@code XXBL}, {@code IDW}, {@code CIFAR}; see {@link RandomStructures}).
     */
    public static PredictionReport run(LatencyPredictor predictor, MeasurementProtocol base,
                                       java.util.function.Predicate<ReleasedNet> released, List<String> spaces,
                                       int randomPerSpace, long seed, PrintWriter progress) {
        record Net(String name, String group, Structure s, int res, int classes, boolean se) {}
        List<Net> nets = new ArrayList<>();
        for (ReleasedNet r : ReleasedNets.all()) {
            if (!released.test(r)) continue;
            nets.add(new Net(r.name(), "released " + (r.dataset().startsWith("cifar") ? "CIFAR" : "ImageNet"),
                    r.structure(), r.resolution(), r.numClasses(), r.se()));
        }
        for (int sp = 0; sp < spaces.size(); sp++) {
            String space = spaces.get(sp);
            int i = 0;
            int res = RandomStructures.resolution(space);
            for (Structure s : RandomStructures.sample(space, randomPerSpace, seed + sp)) {
                nets.add(new Net(space.toLowerCase(java.util.Locale.ROOT) + "-" + i++, "random " + space, s, res,
                        res == 32 ? 10 : 1000, false));
            }
        }
        StringColumn name = StringColumn.create("name");
        StringColumn group = StringColumn.create("group");
        IntColumn res = IntColumn.create("resolution");
        DoubleColumn predicted = DoubleColumn.create("predicted_ms");
        DoubleColumn measured = DoubleColumn.create("measured_ms");
        DoubleColumn noise = DoubleColumn.create("noise");
        DoubleColumn error = DoubleColumn.create("error_pct");
        StringColumn structure = StringColumn.create("structure");
        for (int k = 0; k < nets.size(); k++) {
            Net n = nets.get(k);
            MeasurementProtocol p = base.toBuilder().resolution(n.res()).numClasses(n.classes()).se(n.se()).build();
            double pred = predictor.predictMs(n.s(), n.res(), n.classes(), n.se());
            LatencyResult m = LatencyMeter.measure(n.s(), n.name(), p);
            name.append(n.name());
            group.append(n.group());
            res.append(n.res());
            predicted.append(pred);
            measured.append(m.medianMs());
            noise.append(m.noise());
            error.append(100 * (pred - m.medianMs()) / m.medianMs());
            structure.append(n.s().toString());
            if (progress != null) {
                progress.printf("%d/%d %s: predicted %.2f ms, measured %.2f ms (%+.1f%%)%n", k + 1, nets.size(), n.name(),
                        pred, m.medianMs(), error.get(error.size() - 1));
                progress.flush();
            }
        }
        Table t = Table.create("latency predictor error (" + base.deviceWithThreads() + ", batch " + base.batch() + ")",
                name, group, res, predicted, measured, noise, error, structure);
        return new PredictionReport(t, base);
    }

    /** Mean absolute percentage error over all rows (or those of one group). */
    public double mape(String groupOrNull) {
        return stat(groupOrNull, false);
    }

    /** Largest absolute percentage error. */
    public double maxError(String groupOrNull) {
        return stat(groupOrNull, true);
    }

    private double stat(String g, boolean max) {
        double sum = 0;
        double worst = 0;
        int n = 0;
        for (int i = 0; i < rows.rowCount(); i++) {
            if (g != null && !rows.stringColumn("group").get(i).equals(g)) continue;
            double e = Math.abs(rows.doubleColumn("error_pct").get(i));
            sum += e;
            worst = Math.max(worst, e);
            n++;
        }
        return n == 0 ? Double.NaN : max ? worst : sum / n;
    }

    /** MAPE and max error per group and overall. */
    public Table summary() {
        StringColumn g = StringColumn.create("group");
        IntColumn n = IntColumn.create("networks");
        DoubleColumn mape = DoubleColumn.create("mape_pct");
        DoubleColumn max = DoubleColumn.create("max_error_pct");
        List<String> groups = new ArrayList<>(rows.stringColumn("group").unique().asList());
        groups.sort(null);
        groups.add("all");
        for (String s : groups) {
            String key = s.equals("all") ? null : s;
            g.append(s);
            n.append(key == null ? rows.rowCount() : (int) rows.stringColumn("group").isEqualTo(s).size());
            mape.append(mape(key));
            max.append(maxError(key));
        }
        return Table.create("predictor error summary", g, n, mape, max);
    }

    /** Predicted against measured, one colour per group, log-log. */
    public Figure scatter() {
        return Plots.scatter("Latency predictor: predicted vs measured (" + protocol.deviceWithThreads() + ", batch "
                        + protocol.batch() + ")", rows, "measured_ms", "predicted_ms", "group",
                Plots.Axes.titles("measured median (ms)", "predicted (ms)").logLog());
    }
}
