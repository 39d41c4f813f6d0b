package dev.zennas.search;

import dev.zennas.budget.Verdict;
import dev.zennas.arch.Counts;
import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import dev.zennas.notebook.Chromium;
import dev.zennas.notebook.FigureHtml;
import dev.zennas.notebook.HtmlPage;
import dev.zennas.notebook.PlotlyJs;
import dev.zennas.notebook.Show;
import dev.zennas.util.PrintedDecimals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Page;

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
        PrintedDecimals.set(3, best, median, worst);
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
            share.append(Math.round(10000.0 * e.getValue() / total) / 100.0);
        }
        what.append("duplicates of a population member");
        n.append(s.duplicates);
        share.append(Math.round(10000.0 * s.duplicates / total) / 100.0);
        if (s.cacheHits > 0 || s.rescored > 0) {
            what.append("score-cache hits");
            n.append(s.cacheHits);
            share.append(Math.round(10000.0 * s.cacheHits / total) / 100.0);
            what.append("screened, then re-scored");
            n.append(s.rescored);
            share.append(Math.round(10000.0 * s.rescored / total) / 100.0);
        }
        return Table.create("candidates by outcome", what, n, share);
    }

    /** The curve as a line plot (best, median, worst against iterations), in the workbench's plot style. */
    public static Figure curvePlot(List<CurvePoint> curve, String title) {
        return dev.zennas.plot.Plots.lines(title, curve(curve), "iteration", "best", "median", "worst");
    }

    /**
     * Several runs' curves in one long table (run, iteration, seconds, best, median) — e.g. to compare modes by wall
     * time. Runs are named by the map keys, in map order.
     */
    public static Table curves(Map<String, List<CurvePoint>> runs) {
        StringColumn run = StringColumn.create("run");
        LongColumn it = LongColumn.create("iteration");
        DoubleColumn sec = DoubleColumn.create("seconds");
        DoubleColumn best = DoubleColumn.create("best");
        DoubleColumn median = DoubleColumn.create("median");
        for (Map.Entry<String, List<CurvePoint>> e : runs.entrySet()) {
            for (CurvePoint p : e.getValue()) {
                run.append(e.getKey());
                it.append(p.iteration());
                sec.append(Math.round(p.seconds() * 10) / 10.0);
                best.append(p.best());
                median.append(p.median());
            }
        }
        return Table.create("curves", run, it, sec, best, median);
    }

    /**
     * The best score of each run at given wall times (the last curve point at or before each time; empty before the
     * first point and after the run's end), plus the iterations and seconds the run did in all.
     */
    public static Table bestAtSeconds(Map<String, List<CurvePoint>> runs, double... seconds) {
        StringColumn run = StringColumn.create("run");
        List<DoubleColumn> cols = new ArrayList<>();
        for (double t : seconds) cols.add(DoubleColumn.create(String.format(java.util.Locale.ROOT, "best@%.0fs", t)));
        LongColumn its = LongColumn.create("iterations");
        DoubleColumn total = DoubleColumn.create("seconds");
        for (Map.Entry<String, List<CurvePoint>> e : runs.entrySet()) {
            run.append(e.getKey());
            List<CurvePoint> c = e.getValue();
            double last = c.isEmpty() ? 0 : c.get(c.size() - 1).seconds();
            for (int i = 0; i < seconds.length; i++) {
                double v = Double.NaN;
                // Times the run never reached stay empty rather than repeating its last value.
                if (seconds[i] <= last * 1.05) {
                    for (CurvePoint p : c) if (p.seconds() <= seconds[i]) v = Math.round(p.best() * 100) / 100.0;
                }
                cols.get(i).append(v);
            }
            its.append(c.isEmpty() ? 0 : c.get(c.size() - 1).iteration());
            total.append(c.isEmpty() ? 0 : Math.round(c.get(c.size() - 1).seconds()));
        }
        Table t = Table.create("best score by wall time", run);
        cols.forEach(t::addColumns);
        return t.addColumns(its, total);
    }

    /** Best score against wall seconds, one line per run. */
    public static Figure curvesPlot(Map<String, List<CurvePoint>> runs, String title) {
        return dev.zennas.plot.Plots.line(title, curves(runs), "seconds", "best", "run");
    }

    /**
     * A standalone HTML page of a figure that works offline: the local plotly.js inlined (as in the notebooks) and,
     * when {@code png} is not null, that picture as the fallback shown where scripts do not run. Without a local
     * plotly.js (no {@code kernel-setup/install}) the page loads plotly from its CDN, as Tablesaw does.
     */
    public static String html(Figure figure, byte[] png) {
        String plotly;
        try {
            plotly = PlotlyJs.source();
        } catch (IllegalStateException e) {
            return Page.pageBuilder(figure, "plot").build().asJavascript();
        }
        return HtmlPage.wrap(FigureHtml.fragment(figure, FigureHtml.newId(), plotly, png));
    }

    /** {@link #html(Figure, byte[])} without a fallback picture. */
    public static String html(Figure figure) {
        return html(figure, null);
    }

    /**
     * Writes {@code html} (offline page, see {@link #html(Figure, byte[])}) and, where headless Chromium is
     * available, the plot as a PNG beside it (same name, {@code .png}). Returns the files written.
     */
    public static List<Path> write(Figure figure, Path html) throws IOException {
        List<Path> written = new ArrayList<>();
        byte[] png = null;
        if (Chromium.unavailableReason().isEmpty() && PlotlyJs.locate().isPresent()) {
            try {
                png = Show.png(figure);
            } catch (Chromium.RenderException e) {
                png = null; // the HTML alone still works
            }
        }
        Files.writeString(html, html(figure, png), StandardCharsets.UTF_8);
        written.add(html);
        if (png != null) {
            String name = html.getFileName().toString().replaceFirst("\\.html?$", "") + ".png";
            Path pngFile = html.resolveSibling(name);
            Files.write(pngFile, png);
            written.add(pngFile);
        }
        return written;
    }

    /** The released ZenNet whose budget a preset reproduces (the 800M preset maps to the 900M-SE net, the closest). */
    public static Optional<ReleasedNet> releasedCounterpart(String preset) {
        return ReleasedNets.forPreset(preset);
    }

    /**
     * Best structure vs the released net of the same budget, counted at the search resolution and classes: code-rule
     * params and FLOPs (what the budget checks), deployed params and FLOPs, layers, and optionally a re-scored
     * proxy value ({@code rescore} null to skip).
     */
    public static Table bestVsReleased(SearchSettings settings, String best, CandidateScorer rescore, long seed) {
        return bestVsReleased(settings, best, java.util.OptionalDouble.empty(), rescore, seed);
    }

    /**
     * As {@link #bestVsReleased(SearchSettings, String, CandidateScorer, long)}, with the best structure's re-score
     * already known (from {@link #rescoreTop} with the same scorer and seed): only the released net is scored.
     */
    public static Table bestVsReleased(SearchSettings settings, String best, java.util.OptionalDouble bestRescored,
                                       CandidateScorer rescore, long seed) {
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
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
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
            if (i == 0 && bestRescored.isPresent()) {
                score.append(bestRescored.getAsDouble());
            } else {
                score.append(rescore == null ? Double.NaN : rescore.score(s, seed));
            }
        }
        PrintedDecimals.set(3, fCode, f, score);
        return Table.create("best vs released (resolution " + settings.constraints().resolution() + ", "
                + settings.constraints().numClasses() + " classes)", net, pCode, fCode, p, f, layers, fits, score);
    }

    /**
     * Re-scores the {@code k} best distinct structures of the population (by their search score) and ranks them by
     * the re-scored value: a search score is one draw (or a batch-16 screen), so the member with the highest draw is
     * not always the one with the highest mean — re-scoring a few finalists removes most of that winner's curse.
     * Columns: rank, search_score, rescored, params_code, flops_code_M, iteration, structure; sorted by rescored.
     */
    public static Table rescoreTop(List<Member> population, int k, CandidateScorer rescore, long seed,
                                   SearchSettings settings) {
        List<Member> sorted = new ArrayList<>(population);
        sorted.sort((a, b) -> Double.compare(b.score(), a.score()));
        List<Member> finalists = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Member m : sorted) {
            if (finalists.size() >= k) {
                break;
            }
            if (seen.add(m.structure())) {
                finalists.add(m);
            }
        }
        StringColumn structure = StringColumn.create("structure");
        DoubleColumn search = DoubleColumn.create("search_score");
        DoubleColumn rescored = DoubleColumn.create("rescored");
        LongColumn params = LongColumn.create("params_code");
        DoubleColumn flops = DoubleColumn.create("flops_code_M");
        LongColumn iteration = LongColumn.create("iteration");
        for (Member m : finalists) {
            Structure st = Structure.parse(m.structure());
            Counts c = Counts.of(st, settings.constraints().resolution(), settings.constraints().numClasses(), false);
            structure.append(m.structure());
            search.append(m.score());
            rescored.append(rescore.score(st, seed));
            params.append(c.paramsCode());
            flops.append(c.flopsCode() / 1e6);
            iteration.append(m.iteration());
        }
        PrintedDecimals.set(3, search, rescored, flops);
        Table t = Table.create("top " + finalists.size() + " re-scored", search, rescored, params, flops, iteration,
                structure).sortDescendingOn("rescored");
        IntColumn rank = IntColumn.create("rank");
        for (int i = 0; i < t.rowCount(); i++) {
            rank.append(i + 1);
        }
        t.insertColumn(0, rank);
        return t;
    }

    /**
     * How a run's best is re-scored ({@link RescoredBest}): a proxy ({@code none} to skip) at {@code batch} with
     * {@code repeats} draws, over the {@code top} best distinct members (1 = the best single draw only).
     */
    public record Rescore(String proxy, int batch, int repeats, int top) {
        /** The official batch of the Zen-Score, which re-scoring uses unless a network is too large for it. */
        public static final int DEFAULT_BATCH = 64;

        public Rescore {
            if (top < 1) throw new IllegalArgumentException("--top must be at least 1, got " + top);
            if (batch < 2) throw new IllegalArgumentException("--rescore-batch must be at least 2, got " + batch);
            if (repeats < 1) throw new IllegalArgumentException("--rescore-repeats must be at least 1, got " + repeats);
        }

        /** The defaults of {@code zen search report}: Zen-Score at batch 64, 8 repeats, top 5. */
        public static Rescore defaults() {
            return new Rescore("Zen", DEFAULT_BATCH, 8, 5);
        }

        /** The re-scored best of {@code run} (seeded with {@link RescoredBest#REPORT_SEED}, as every report). */
        public RescoredBest apply(SearchRun run) {
            return RescoredBest.of(run.settings(), run.state(), proxy, batch, repeats, top, RescoredBest.REPORT_SEED);
        }
    }

}
