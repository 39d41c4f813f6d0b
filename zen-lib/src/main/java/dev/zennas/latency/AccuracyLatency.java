package dev.zennas.latency;

import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.plot.Plots;
import dev.zennas.stats.Correlations;
import dev.zennas.util.PrintedDecimals;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.plotly.components.Figure;

/**
 * Accuracy against latency: the paper's ImageNet table (53 networks: top-1, params, FLOPs, V100 FP16 / T4 INT8
 * TensorRT latency at batch 64 per image, Pixel 2 latency at batch 1; from {@code data/imagenet_big_table.csv},
 * each row with its source) beside our measurement of the released ZenNets on this CPU.
 *
 * <pre>{@code
 * show(AccuracyLatency.top1VsLatency("V100"));
 * }</pre>
 */
public final class AccuracyLatency {
    static final String RESOURCE = "/dev/zennas/data/imagenet_big_table.csv";
    /** The paper's devices and the columns holding their latency. */
    public static final List<String[]> DEVICES = List.of(
            new String[] {"V100", "latency_v100_fp16_bs64_ms_per_image", "V100 FP16, batch 64 (ms per image)"},
            new String[] {"T4", "latency_t4_tensorrt_int8_bs64_ms_per_image", "T4 TensorRT INT8, batch 64 (ms per image)"},
            new String[] {"Pixel2", "latency_pixel2_bs1_ms", "Pixel 2, batch 1 (ms)"});

    /**
     * Baselines of the paper's table written in the structure grammar, so that the same forward measures them. They are
     * look-alikes, not the originals: a 3×3 stride-2 stem and a stride-2 first stage stand for the 7×7 stem and max-pool,
     * every stage's first unit has a projection shortcut (conventions T8), a bottleneck or inverted sub-layer holds two units
     * (ResNet-50: 2-4-6-4 units instead of 3-4-6-3), and an inverted unit expands its output width rather than its input.
     * Counts at 224 px, 1000 classes (ours / torchvision's): ResNet-18 11.7M params, 1.74 / 1.82 GMAC; ResNet-34 21.8M,
     * 3.59 / 3.67 GMAC; ResNet-50 29.9 / 25.6M, 4.05 / 4.1 GMAC; MobileNetV2-1.0 3.77 / 3.5M, 301 / 300 MMAC.
     */
    public static final java.util.Map<String, String> BASELINES = java.util.Map.of(
            "ResNet-18", "SuperConvK3BNRELU(3,64,2,1)SuperResK3K3(64,64,2,64,2)SuperResK3K3(64,128,2,128,2)"
                    + "SuperResK3K3(128,256,2,256,2)SuperResK3K3(256,512,2,512,2)",
            "ResNet-34", "SuperConvK3BNRELU(3,64,2,1)SuperResK3K3(64,64,2,64,3)SuperResK3K3(64,128,2,128,4)"
                    + "SuperResK3K3(128,256,2,256,6)SuperResK3K3(256,512,2,512,3)",
            "ResNet-50", "SuperConvK3BNRELU(3,64,2,1)SuperResK1K3K1(64,256,2,64,1)SuperResK1K3K1(256,512,2,128,2)"
                    + "SuperResK1K3K1(512,1024,2,256,3)SuperResK1K3K1(1024,2048,2,512,2)",
            "MobileNetV2-1.0", "SuperConvK3BNRELU(3,32,2,1)SuperResIDWE1K3(32,16,1,16,1)SuperResIDWE6K3(16,24,2,16,1)"
                    + "SuperResIDWE6K3(24,32,2,24,1)SuperResIDWE6K3(32,64,2,32,2)SuperResIDWE6K3(64,96,1,64,1)"
                    + "SuperResIDWE6K3(96,160,2,96,1)SuperResIDWE6K3(160,320,1,160,1)SuperConvK1BNRELU(320,1280,1,1)");

    private AccuracyLatency() {}

    /**
     * The {@link #BASELINES} measured here, in the columns of {@link #measureReleased} (dataset {@code imagenet1k
     * (look-alike)}, top-1 and V100 latency from the paper's row of the same name, params and FLOPs our counts).
     */
    public static Table measureBaselines(MeasurementProtocol base, PrintWriter progress) {
        Table paper = paperTable();
        Table t = emptyMeasured(base);
        for (String name : new java.util.TreeSet<>(BASELINES.keySet())) {
            dev.zennas.arch.Structure s = dev.zennas.arch.Structure.parse(BASELINES.get(name));
            Table row = paper.where(paper.stringColumn("model").isEqualTo(name));
            MeasurementProtocol p = base.toBuilder().resolution(224).numClasses(1000).se(false).build();
            LatencyResult r = LatencyMeter.measure(s, name, p);
            var c = dev.zennas.arch.Counts.of(s, 224, 1000, false);
            append(t, name + "-like", name, "imagenet1k (look-alike)", 224,
                    row.rowCount() == 0 ? Double.NaN : row.doubleColumn("top1_pct").get(0), c.params() / 1e6,
                    c.flops() / 1e6, row.rowCount() == 0 ? Double.NaN
                            : row.doubleColumn("latency_v100_fp16_bs64_ms_per_image").get(0), r);
            if (progress != null) {
                progress.printf("%s-like: %.2f ms (noise %.2f)%n", name, r.medianMs(), r.noise());
                progress.flush();
            }
        }
        return t;
    }

    private static Table emptyMeasured(MeasurementProtocol base) {
        Table t = Table.create("released ZenNets measured here (" + base.deviceWithThreads() + ", batch " + base.batch()
                        + ", " + base.clock().id() + " clock)", StringColumn.create("name"), StringColumn.create("paper_name"),
                StringColumn.create("dataset"), DoubleColumn.create("resolution"), DoubleColumn.create("top1"),
                DoubleColumn.create("params_M"), DoubleColumn.create("flops_M"), DoubleColumn.create("latency_v100_ms"),
                DoubleColumn.create("measured_ms"), DoubleColumn.create("p90_ms"), DoubleColumn.create("noise"));
        PrintedDecimals.set(3, t.doubleColumn("measured_ms"), t.doubleColumn("p90_ms"), t.doubleColumn("noise"));
        return t;
    }

    private static void append(Table t, String name, String paperName, String dataset, double res, double top1,
                               double paramsM, double flopsM, double v100, LatencyResult r) {
        t.stringColumn("name").append(name);
        t.stringColumn("paper_name").append(paperName);
        t.stringColumn("dataset").append(dataset);
        t.doubleColumn("resolution").append(res);
        t.doubleColumn("top1").append(top1);
        t.doubleColumn("params_M").append(paramsM);
        t.doubleColumn("flops_M").append(flopsM);
        t.doubleColumn("latency_v100_ms").append(v100);
        t.doubleColumn("measured_ms").append(r.medianMs());
        t.doubleColumn("p90_ms").append(r.p90Ms());
        t.doubleColumn("noise").append(r.noise());
    }

    /**
     * The paper's rows: model, family (the name before its first '-', e.g. ZenNet, EfficientNet), resolution,
     * params_M, flops_M, top1_pct, the three latency columns (NaN where the paper has none), notes, source.
     */
    public static Table paperTable() {
        Table raw;
        try (InputStream in = AccuracyLatency.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath (build zen-lib)");
            raw = Table.read().usingOptions(CsvReadOptions.builder(in).columnTypesToDetect(List.of(ColumnType.STRING)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringColumn model = StringColumn.create("model");
        StringColumn family = StringColumn.create("family");
        DoubleColumn res = DoubleColumn.create("resolution");
        DoubleColumn params = DoubleColumn.create("params_M");
        DoubleColumn flops = DoubleColumn.create("flops_M");
        DoubleColumn top1 = DoubleColumn.create("top1_pct");
        DoubleColumn[] lat = new DoubleColumn[DEVICES.size()];
        for (int i = 0; i < lat.length; i++) lat[i] = DoubleColumn.create(DEVICES.get(i)[1]);
        StringColumn notes = StringColumn.create("notes");
        StringColumn source = StringColumn.create("source");
        for (Row r : raw) {
            String name = r.getString("model");
            model.append(name);
            family.append(family(name));
            res.append(number(r.getString("resolution")));
            params.append(number(r.getString("params_M")));
            flops.append(number(r.getString("flops_M")));
            top1.append(number(r.getString("top1_pct")));
            for (int i = 0; i < lat.length; i++) lat[i].append(number(r.getString(DEVICES.get(i)[1])));
            notes.append(r.getString("notes"));
            source.append(r.getString("source"));
        }
        Table t = Table.create("Zen-NAS paper, ImageNet networks", model, family, res, params, flops, top1);
        t.addColumns(lat);
        t.addColumns(notes, source);
        return t;
    }

    /** "ZenNet-0.1ms" → "ZenNet", "EfficientNet-B0" → "EfficientNet", "OFANet-389M*" → "OFANet". */
    static String family(String model) {
        int dash = model.indexOf('-');
        return dash > 0 ? model.substring(0, dash) : model;
    }

    /** A number, or NaN for "n/a ..." and empty cells. */
    static double number(String s) {
        if (s == null || s.isBlank()) return Double.NaN;
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Top-1 against one paper device's latency, one colour per family (ZenNet among them, as in paper Fig. 1). */
    public static Figure top1VsLatency(String device) {
        String[] d = DEVICES.stream().filter(x -> x[0].equalsIgnoreCase(device)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown device '" + device + "' (V100, T4, Pixel2)"));
        Table t = paperTable();
        t = t.where(t.doubleColumn(d[1]).isNotMissing());
        return Plots.scatter("ImageNet top-1 vs " + d[0] + " latency (paper)", t, d[1], "top1_pct", "family",
                Plots.Axes.titles(d[2], "top-1 (%)").logX());
    }

    /** Top-1 against {@code flops_M} or {@code params_M}, one colour per family. */
    public static Figure top1Vs(String column) {
        Table t = paperTable();
        return Plots.scatter("ImageNet top-1 vs " + column + " (paper)", t, column, "top1_pct", "family",
                Plots.Axes.titles(column, "top-1 (%)").logX());
    }

    /**
     * Our measurement of the released nets (the ImageNet ones only when {@code imagenetOnly}): name, paper_name,
     * dataset, resolution, top1, params_M, flops_M, latency_v100_ms (paper), measured_ms, p90_ms, noise. Each net is
     * measured as deployed (SE as released) with {@code base}'s threads, batch, layout, clock and runs.
     */
    public static Table measureReleased(MeasurementProtocol base, boolean imagenetOnly, PrintWriter progress) {
        return measureReleased(base, n -> !imagenetOnly || !n.dataset().startsWith("cifar"), progress);
    }

    /** As above, for the released nets {@code which} accepts. */
    public static Table measureReleased(MeasurementProtocol base, java.util.function.Predicate<ReleasedNet> which,
                                        PrintWriter progress) {
        Table t = emptyMeasured(base);
        for (ReleasedNet n : ReleasedNets.all()) {
            if (!which.test(n)) continue;
            MeasurementProtocol p = base.toBuilder().resolution(n.resolution()).numClasses(n.numClasses()).se(n.se())
                    .build();
            LatencyResult r = LatencyMeter.measure(n.structure(), n.name(), p);
            append(t, n.name(), n.paperName(), n.dataset(), n.resolution(), n.top1(), n.paramsM(), n.flopsM(),
                    n.latencyV100().orElse(Double.NaN), r);
            if (progress != null) {
                progress.printf("%s: %.2f ms (noise %.2f)%n", n.name(), r.medianMs(), r.noise());
                progress.flush();
            }
        }
        return t;
    }

    /** Spearman ρ between the paper's V100 latency and ours, over the rows of {@code measured} that have both. */
    public static double spearmanV100(Table measured) {
        if (measured.doubleColumn("latency_v100_ms").isNotMissing().size() < 3) return Double.NaN;
        return Correlations.spearman(measured.doubleColumn("latency_v100_ms").asDoubleArray(),
                measured.doubleColumn("measured_ms").asDoubleArray());
    }

    /** Top-1 against our measured latency, one colour per dataset. */
    public static Figure top1VsMeasured(Table measured) {
        return Plots.scatter("Released ZenNets: top-1 vs latency on this machine", measured, "measured_ms", "top1",
                "dataset", Plots.Axes.titles("measured median latency here (ms)", "top-1 (%)").logX());
    }
}
