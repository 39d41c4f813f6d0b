package dev.zennas.search;

import dev.zennas.arch.Counts;
import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Page;
import tech.tablesaw.plotly.traces.ScatterTrace;

/**
 * Tables and plots of a search: the score curve, the rejection counts, and the best structure beside the released
 * ZenNet of the same budget. Used by {@code zen search report} and the search notebook.
 */
public final class SearchReport {
    private SearchReport() {}

    /** The score curve as a table: iteration, best, median, worst, population size, seconds. */
    public static Table curve(List<CurvePoint> curve) {
        LongColumn it = LongColumn.create("iteration");
        DoubleColumn best = DoubleColumn.create("best");
        DoubleColumn median = DoubleColumn.create("median");
        DoubleColumn worst = DoubleColumn.create("worst");
        IntColumn size = IntColumn.create("population");
        DoubleColumn sec = DoubleColumn.create("seconds");
        for (CurvePoint p : curve) {
            it.append(p.iteration());
            best.append(p.best());
            median.append(p.median());
            worst.append(p.worst());
            size.append(p.size());
            sec.append(Math.round(p.seconds() * 10) / 10.0);
        }
        return Table.create("score curve", it, best, median, worst, size, sec);
    }

    /** At most {@code rows} evenly spaced rows of a curve table (always keeping the last). */
    public static Table thin(Table curve, int rows) {
        if (curve.rowCount() <= rows) return curve;
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < rows; i++) keep.add((int) Math.round(i * (curve.rowCount() - 1) / (double) (rows - 1)));
        return curve.rows(keep.stream().distinct().mapToInt(Integer::intValue).toArray());
    }

    /** Candidates per verdict, with shares, plus duplicates and cache hits. */
    public static Table verdicts(SearchState s) {
        StringColumn what = StringColumn.create("outcome");
        LongColumn n = LongColumn.create("candidates");
        DoubleColumn share = DoubleColumn.create("share_%");
        long total = Math.max(1, s.nextIteration);
        for (Map.Entry<Verdict, Long> e : s.verdicts.entrySet()) {
            what.append(e.getKey() == Verdict.ACCEPTED ? "accepted (scored)" : "rejected: " + e.getKey().key());
            n.append(e.getValue());
            share.append(100.0 * e.getValue() / total);
        }
        what.append("duplicates of a population member");
        n.append(s.duplicates);
        share.append(100.0 * s.duplicates / total);
        if (s.cacheHits > 0 || s.rescored > 0) {
            what.append("score-cache hits");
            n.append(s.cacheHits);
            share.append(100.0 * s.cacheHits / total);
            what.append("screened, then re-scored");
            n.append(s.rescored);
            share.append(100.0 * s.rescored / total);
        }
        return Table.create("candidates by outcome", what, n, share);
    }

    /** The curve as a line plot (best, median, worst against iterations). */
    public static Figure curvePlot(List<CurvePoint> curve, String title) {
        double[] x = curve.stream().mapToDouble(CurvePoint::iteration).toArray();
        ScatterTrace best = ScatterTrace.builder(x, curve.stream().mapToDouble(CurvePoint::best).toArray())
                .mode(ScatterTrace.Mode.LINE).name("best").build();
        ScatterTrace median = ScatterTrace.builder(x, curve.stream().mapToDouble(CurvePoint::median).toArray())
                .mode(ScatterTrace.Mode.LINE).name("median").build();
        ScatterTrace worst = ScatterTrace.builder(x, curve.stream().mapToDouble(CurvePoint::worst).toArray())
                .mode(ScatterTrace.Mode.LINE).name("worst").build();
        Layout layout = Layout.builder().title(title).xAxis(Axis.builder().title("iteration").build())
                .yAxis(Axis.builder().title("score").build()).build();
        return new Figure(layout, best, median, worst);
    }

    /** A standalone HTML page of a figure (plotly from its CDN). */
    public static String html(Figure figure) {
        return Page.pageBuilder(figure, "plot").build().asJavascript();
    }

    /** The released ZenNet whose budget a preset reproduces (the 800M preset maps to the 900M-SE net, the closest). */
    public static Optional<ReleasedNet> releasedCounterpart(String preset) {
        String name = switch (preset.toLowerCase(java.util.Locale.ROOT)) {
            case "cifar-params-0.5m" -> "zennet_cifar10_model_size05M_res32";
            case "cifar-params-1m" -> "zennet_cifar10_model_size1M_res32";
            case "cifar-params-2m" -> "zennet_cifar10_model_size2M_res32";
            case "imagenet-flops-400m" -> "zennet_imagenet1k_flops400M_SE_res224";
            case "imagenet-flops-600m" -> "zennet_imagenet1k_flops600M_SE_res224";
            case "imagenet-flops-800m" -> "zennet_imagenet1k_flops900M_SE_res224";
            case "imagenet-latency-0.1ms" -> "zennet_imagenet1k_latency01ms_res224";
            case "imagenet-latency-0.2ms" -> "zennet_imagenet1k_latency02ms_res224";
            case "imagenet-latency-0.3ms" -> "zennet_imagenet1k_latency03ms_res224";
            case "imagenet-latency-0.5ms" -> "zennet_imagenet1k_latency05ms_res224";
            case "imagenet-latency-0.8ms" -> "zennet_imagenet1k_latency08ms_res224";
            case "imagenet-latency-1.2ms" -> "zennet_imagenet1k_latency12ms_res224";
            default -> null;
        };
        return name == null ? Optional.empty() : ReleasedNets.find(name);
    }

    /**
     * Best structure vs the released net of the same budget, counted at the search resolution and classes: code-rule
     * params and FLOPs (what the budget checks), deployed params and FLOPs, layers, and optionally a re-scored
     * proxy value ({@code rescore} null to skip).
     */
    public static Table bestVsReleased(SearchSettings settings, String best, CandidateScorer rescore, long seed) {
        StringColumn net = StringColumn.create("net");
        LongColumn pCode = LongColumn.create("params_code");
        DoubleColumn fCode = DoubleColumn.create("flops_code_M");
        LongColumn p = LongColumn.create("params_deployed");
        DoubleColumn f = DoubleColumn.create("flops_deployed_M");
        IntColumn layers = IntColumn.create("layers");
        StringColumn fits = StringColumn.create("within_budget");
        DoubleColumn score = DoubleColumn.create("rescored");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"search best", best});
        releasedCounterpart(settings.preset()).ifPresent(r -> rows.add(new String[] {r.name(), r.structure().toString()}));
        for (String[] row : rows) {
            Structure s = Structure.parse(row[1]);
            Counts c = Counts.of(s, settings.constraints().resolution(), settings.constraints().numClasses(), false);
            net.append(row[0]);
            pCode.append(c.paramsCode());
            fCode.append(c.flopsCode() / 1e6);
            p.append(c.params());
            f.append(c.flops() / 1e6);
            layers.append(c.layers());
            Verdict v = settings.constraints().maxLatencyMs() > 0 ? null
                    : settings.constraints().check(s);
            fits.append(v == null ? "n/a (latency)" : v == Verdict.ACCEPTED ? "yes" : "no (" + v.key() + ")");
            score.append(rescore == null ? Double.NaN : rescore.score(s, seed));
        }
        return Table.create("best vs released (resolution " + settings.constraints().resolution() + ", "
                + settings.constraints().numClasses() + " classes)", net, pCode, fCode, p, f, layers, fits, score);
    }
}
