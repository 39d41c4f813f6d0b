package dev.zennas.reproduce;

import com.google.gson.JsonObject;
import dev.zennas.arch.ArchSource;
import dev.zennas.arch.Counts;
import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.data.DataNotFoundException;
import dev.zennas.data.Published;
import dev.zennas.net.TorchvisionResNets;
import dev.zennas.proxy.BlockTarget;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ZenConvention;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.TargetRef;
import dev.zennas.scoring.WorkUnit;
import dev.zennas.search.Presets;
import dev.zennas.search.SearchReport;
import dev.zennas.search.SearchSettings;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.stats.ConfidenceInterval;
import dev.zennas.study.CorrelationStudy;
import dev.zennas.study.ProxySummary;
import dev.zennas.study.StudyResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * Builds the reproduction report's findings: one per published number (released nets' counts, top-1 and latencies,
 * Table 5, Table 1, the single values of the figures, the correlation anchors), ours beside each with a tolerance
 * and a verdict. Quick mode recomputes what takes minutes here (exact counts, Zen-Scores of the released CIFAR-1M net
 * and of the five ResNets of Table 5, rank correlations of the analytic proxies over every benchmark architecture and
 * of the Zen-Score over a small sample) and reads the stored results ({@link StoredResults}) for the long runs; full
 * mode also scores the Suite-Zero subset and 1,000-cell Zen samples on every dataset.
 */
public final class Reproduction {
    public static final String RELEASED = "Released ZenNets: params and FLOPs";
    public static final String ZEN = "Zen-Scores";
    public static final String CORRELATION = "Rank correlations on NAS benchmarks";
    public static final String SEARCH = "Searches";
    public static final String TRAINING = "Training";
    public static final String LATENCY = "Latency";
    public static final String PROXIES = "Proxy comparison (paper Table 1)";
    public static final String OTHER = "Search cost and speed";
    private static final String PAPER = "Zen-NAS paper (Lin et al., ICCV 2021; arXiv 2102.01063v4)";

    /**
     * What to build.
     *
     * @param full       also run the long recomputations
     * @param stored     folder of the stored results ({@code docs/results})
     * @param threads    scoring threads
     * @param zenSample  NB201 architectures for the Zen-Score correlation (quick 100, full 1000)
     * @param root       the workbench root: paths under it are shown relative to it (null: shown as given)
     */
    public record Options(boolean full, Path stored, int threads, int zenSample, Path root) {
        public static Options quick(Path stored) {
            return new Options(false, stored, Math.max(1, Runtime.getRuntime().availableProcessors()), 100, null);
        }

        public static Options full(Path stored) {
            return new Options(true, stored, Math.max(1, Runtime.getRuntime().availableProcessors()), 1000, null);
        }

        /** How a file is named in the report. */
        String show(Path file) {
            if (root == null) return file.toString();
            Path a = file.toAbsolutePath().normalize();
            Path r = root.toAbsolutePath().normalize();
            return a.startsWith(r) ? r.relativize(a).toString() : file.toString();
        }
    }

    /** The findings and what the report shows beside them. */
    public record Result(List<Finding> findings, Table searches, Map<String, Table> plotTables, double seconds) {}

    private final Options options;
    private final PrintWriter progress;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Table> plotTables = new LinkedHashMap<>();
    private final Map<Integer, Double> resnetSeconds = new LinkedHashMap<>();

    Reproduction(Options options, PrintWriter progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Builds every finding; progress lines go to {@code progress}. */
    public static Result build(Options options, PrintWriter progress) {
        long t0 = System.nanoTime();
        Reproduction r = new Reproduction(options, progress);
        r.releasedCounts();
        r.zenScores();
        r.correlations();
        Table searches = r.searches();
        r.training();
        r.latency();
        r.proxyComparison();
        r.costAndSpeed();
        return new Result(List.copyOf(r.findings), searches, r.plotTables, (System.nanoTime() - t0) / 1e9);
    }

    /** The findings so far (for tests that run single sections). */
    List<Finding> findings() {
        return findings;
    }

    /** The plot tables so far (for tests that run single sections). */
    Map<String, Table> plotTablesForTest() {
        return plotTables;
    }

    private void note(String line) {
        progress.println("zen reproduce: " + line);
        progress.flush();
    }

    // ---- released nets: exact counts ----------------------------------------------------------------------------

    void releasedCounts() {
        note("counting the " + ReleasedNets.all().size() + " released nets");
        Tolerance tol = Tolerance.relative(0.03, "published to 2-3 significant digits");
        String cmd = "zen arch info NAME";
        Table plot = Table.create("released counts",
                tech.tablesaw.api.StringColumn.create("net"), tech.tablesaw.api.StringColumn.create("count"),
                tech.tablesaw.api.DoubleColumn.create("ours_over_paper"));
        for (ReleasedNet n : ReleasedNets.all()) {
            Counts c = n.counts();
            Counts noSe = Counts.of(n.structure(), n.resolution(), n.numClasses(), false);
            String src = n.source();
            double params = c.params() / 1e6;
            double flops = c.flops() / 1e6;
            String paramsWhy = "";
            if (!tol.within(n.paramsM(), params) && tol.within(n.paramsM(), noSe.paramsCode() / 1e6)) {
                paramsWhy = "the published count leaves out the SE modules: " + Finding.number(noSe.paramsCode() / 1e6)
                        + " M without them";
            } else if (!tol.within(n.paramsM(), params) && n.dataset().equals("cifar100")) {
                paramsWhy = "the README repeats the CIFAR-10 net's count; the 100-class head adds "
                        + Finding.number((c.params() - Counts.of(n.structure(), n.resolution(), 10, n.se()).params()) / 1e3)
                        + " k params";
            }
            findings.add(Finding.compare("released/" + n.name() + "/params", RELEASED, n.name() + ": params (M)",
                    n.paramsM(), params, tol, paramsWhy, cmd.replace("NAME", n.name()), src));
            String flopsWhy = tol.within(n.flopsM(), c.flopsCode() / 1e6)
                    ? "matches the code rule (" + Finding.number(c.flopsCode() / 1e6) + " M)" : "";
            findings.add(Finding.compare("released/" + n.name() + "/flops", RELEASED, n.name() + ": FLOPs (M)",
                    n.flopsM(), flops, tol, flopsWhy, cmd.replace("NAME", n.name()), src));
            plot.stringColumn("net").append(shortName(n.name()));
            plot.stringColumn("count").append("params");
            plot.doubleColumn("ours_over_paper").append(params / n.paramsM());
            plot.stringColumn("net").append(shortName(n.name()));
            plot.stringColumn("count").append("FLOPs");
            plot.doubleColumn("ours_over_paper").append(flops / n.flopsM());
        }
        plotTables.put("released-counts", plot);
    }

    /** A released net's name short enough for a plot axis: {@code c100 1M}, {@code in1k flops400M_SE}. */
    static String shortName(String name) {
        return name.replace("zennet_", "").replaceAll("_res\\d+$", "").replace("model_size", "")
                .replace("imagenet1k_", "in1k ").replace("cifar100_", "c100 ").replace("cifar10_", "c10 ");
    }

    // ---- Zen-Scores: Table 5 and Fig. 7 -------------------------------------------------------------------------

    void zenScores() {
        Tolerance tol = Tolerance.relative(0.01, "two draws at batch 16");
        Table plot = Table.create("Table 5", tech.tablesaw.api.StringColumn.create("model"),
                tech.tablesaw.api.StringColumn.create("who"), tech.tablesaw.api.DoubleColumn.create("zen_score"));
        for (Published.ResNetScore r : Published.resnetScores()) {
            String id = "table5/" + r.model();
            String what = r.model() + " without residual links: Zen-Score (convention B, 224 px, batch 16)";
            String cmd = "zen reproduce --quick";
            note("Zen-Score of " + r.model());
            long t0 = System.nanoTime();
            double ours;
            try (BlockTarget t = Proxies.target(r.model().toLowerCase(Locale.ROOT),
                    TorchvisionResNets.features(r.depth()), 3, 224, 1000)) {
                ProxyResult res = Proxies.get("zen").score(t, ProxySettings.defaults().withBatchSize(16).withRepeats(2)
                        .withConvention(ZenConvention.B));
                ours = res.mean();
                resnetSeconds.put(r.depth(), res.secondsPerRepeat());
            }
            note(String.format(Locale.ROOT, "%s: %.2f (paper %.2f), %.0f s", r.model(), ours, r.zenScore(),
                    (System.nanoTime() - t0) / 1e9));
            findings.add(Finding.compare(id, ZEN, what, r.zenScore(), ours, tol, "", cmd, r.source()));
            plot.stringColumn("model").append(r.model()).append(r.model());
            plot.stringColumn("who").append("paper").append("ours");
            plot.doubleColumn("zen_score").append(r.zenScore()).append(ours);
        }
        plotTables.put("table5", plot);
        Published.PaperValue fig7 = Published.value("fig7_zen_curve_end_cifar1m");
        String net = "zennet_cifar10_model_size1M_res32";
        note("Zen-Score of " + net);
        ArchSource.Resolved released = ArchSource.resolve(net);
        ScoreResult res = Scoring.compute(new WorkUnit(0, TargetRef.structure(released.structure(),
                released.defaultResolution(), released.defaultClasses()), ProxySpec.of("zen").withRepeats(4), 0),
                ExecutionSettings.defaults());
        findings.add(Finding.compare("fig7/released", ZEN,
                "Fig. 7's curve end (the best Zen-Score of the CIFAR 1M search) vs the released ZenNet-1.0M's Zen-Score"
                        + " (convention A, batch 64, 4 draws)", fig7.value(), res.mean(),
                Tolerance.absolute(6, "read off a plot"), "", "zen score " + net + " --repeats 4", fig7.source()));
    }

    // ---- correlations ---------------------------------------------------------------------------------------------

    void correlations() {
        List<Published.Anchor> anchors = Published.anchors();
        Map<String, ProxySummary> ours = new LinkedHashMap<>();
        String missing = null;
        try {
            for (BenchmarkSpace space : BenchmarkSpace.values()) {
                for (BenchmarkDataset ds : BenchmarkDataset.values()) {
                    for (String target : space.targets()) {
                        boolean wanted = anchors.stream().anyMatch(a -> matches(a, space, ds, target)
                                && a.subset().equals("all") && CorrelationStudy.ANALYTIC.contains(a.proxyHere()));
                        if (!wanted) continue;
                        note("params and FLOPs over every " + space.id() + " architecture, " + ds.id() + ", " + target);
                        StudyResult r = CorrelationStudy.builder().space(space).dataset(ds)
                                .proxies(CorrelationStudy.ANALYTIC).target(target).threads(options.threads())
                                .bootstrapResamples(0).run();
                        for (ProxySummary p : r.proxies()) ours.put(key(space.id(), ds.id(), p.proxy(), target, "all"), p);
                    }
                }
            }
            List<BenchmarkDataset> zenData = options.full() ? List.of(BenchmarkDataset.values())
                    : List.of(BenchmarkDataset.CIFAR10);
            Path cache = Files.createTempDirectory("zen-reproduce-scores");
            for (BenchmarkDataset ds : zenData) {
                // one scoring per cell: the other targets of the same sample read the cache
                for (String target : BenchmarkSpace.NB201.targets()) {
                    note("Zen-Score of " + options.zenSample() + " sampled NB201 cells, " + ds.id() + ", " + target);
                    StudyResult r = CorrelationStudy.builder().space(BenchmarkSpace.NB201).dataset(ds)
                            .proxies("zen").sample(options.zenSample()).target(target).cacheDir(cache)
                            .threads(options.threads()).run();
                    for (ProxySummary p : r.proxies()) ours.put(key("nb201", ds.id(), "zen", target, "all"), p);
                }
            }
            deleteQuietly(cache);
            if (options.full()) {
                for (BenchmarkDataset ds : BenchmarkDataset.values()) {
                    note("the Suite-Zero subset, " + ds.id());
                    int[] cells = dev.zennas.data.NasBenchData.naslibZcSubset(ds).stream()
                            .mapToInt(dev.zennas.data.NaslibZcRow::archIndex).toArray();
                    StudyResult r = CorrelationStudy.builder().space(BenchmarkSpace.NB201).dataset(ds)
                            .proxies("naswot", "synflow-naslib", "params", "zen").archIndices(cells)
                            .target("naslib_acc_s888").threads(options.threads()).run();
                    for (ProxySummary p : r.proxies()) {
                        ours.put(key("nb201", ds.id(), p.proxy(), "naslib_acc_s888", "suite-zero"), p);
                    }
                }
            }
        } catch (DataNotFoundException e) {
            missing = e.getMessage();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot make a temporary score cache: " + e.getMessage(), e);
        }
        Table plot = Table.create("correlations", tech.tablesaw.api.StringColumn.create("anchor"),
                tech.tablesaw.api.DoubleColumn.create("paper"), tech.tablesaw.api.DoubleColumn.create("ours"));
        for (Published.Anchor a : anchors) {
            String id = "anchor/" + a.benchmark() + "/" + a.dataset() + "/" + a.proxy() + "/" + a.target() + "/" + a.subset();
            String what = String.format(Locale.ROOT, "%s %s: Spearman ρ of %s with %s (%s, %,d archs)", a.benchmark(),
                    a.dataset(), a.proxy(), a.target(), a.subset(), a.n());
            String cmd = "zen correlate --space " + a.benchmark().toLowerCase(Locale.ROOT) + " --dataset " + a.dataset()
                    + " --proxy " + (a.proxyHere().isEmpty() ? "?" : a.proxyHere())
                    + (a.subset().equals("suite-zero") ? " --sample naslib" : " --sample all")
                    + (a.targetHere().isEmpty() ? "" : " --target " + a.targetHere());
            String paper = Finding.number(a.spearman());
            if (a.proxyHere().isEmpty() || a.targetHere().isEmpty()) {
                findings.add(Finding.notHere(id, CORRELATION, what, paper, "", a.proxyHere().isEmpty()
                        ? "no workbench proxy computes " + a.proxy() + (a.note().isEmpty() ? "" : " (" + a.note() + ")")
                        : "the workbench has no " + a.target() + " target", "", a.source()));
                continue;
            }
            ProxySummary p = ours.get(key(a.benchmark(), a.dataset(), a.proxyHere(), a.targetHere(), a.subset()));
            if (p == null && missing != null) {
                findings.add(new Finding(id, CORRELATION, what, paper, "", "", Outcome.MISSING,
                        "benchmark data missing (" + missing + ")", cmd, a.source()));
                continue;
            }
            if (p == null) {
                findings.add(a.subset().equals("connected")
                        ? Finding.notHere(id, CORRELATION, what, paper, "", "no study option selects the connected cells",
                                "", a.source())
                        : Finding.skipped(id, CORRELATION, what, paper, cmd, a.source()));
                continue;
            }
            boolean sampled = p.n() < a.n();
            Tolerance tol = sampled
                    ? Tolerance.absolute(p.n() >= 1000 ? 0.07 : 0.2, "2σ sampling error at " + p.n() + " archs")
                    : Tolerance.absolute(0.00051, "published to 4 decimals");
            if (sampled) cmd = cmd.replace("--sample all", "--sample " + p.n());
            findings.add(Finding.compare(id, CORRELATION, what, a.spearman(), p.spearman().estimate(), tol, "", cmd,
                    a.source()));
            plot.stringColumn("anchor").append(a.proxyHere() + (sampled ? " (" + p.n() + "-arch sample)" : " (all archs)"));
            plot.doubleColumn("paper").append(a.spearman());
            plot.doubleColumn("ours").append(p.spearman().estimate());
        }
        plotTables.put("correlations", plot);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // a temporary cache left behind is harmless
        }
    }

    private static boolean matches(Published.Anchor a, BenchmarkSpace space, BenchmarkDataset ds, String target) {
        return a.benchmark().equalsIgnoreCase(space.id()) && a.dataset().equalsIgnoreCase(ds.id())
                && a.targetHere().equalsIgnoreCase(target);
    }

    private static String key(String space, String ds, String proxy, String target, String subset) {
        return (space + "/" + ds + "/" + proxy + "/" + target + "/" + subset).toLowerCase(Locale.ROOT);
    }

    // ---- searches (stored) ---------------------------------------------------------------------------------------

    /** Fast-mode iterations of the stored searches: a fixed count, so the result does not depend on the load. */
    public static long searchIterations(String preset) {
        return preset.startsWith("cifar-") ? 4000 : 1000;
    }

    /**
     * The command that makes a preset's stored search result (resumable: a stopped run continues with
     * {@code zen search --resume runs/budget/PRESET}).
     */
    public static String searchCommand(String preset) {
        return "zen search --preset " + preset + " --mode fast --iterations " + searchIterations(preset)
                + StoredResults.proxyBatchOptions(storedSearchSettings(preset))
                + " --seed 0 --threads 1 --out runs/budget/" + preset + " && zen search export runs/budget/" + preset
                + StoredResults.rescoreBatchOption(rescoreBatch(preset));
    }

    /**
     * The batch a preset's stored search is re-scored at: the official 64, but the latency presets re-score at the
     * batch they search at (16), for the same memory reason, so that all six are compared alike.
     */
    static int rescoreBatch(String preset) {
        return preset.startsWith("imagenet-latency-") ? 16 : SearchReport.Rescore.DEFAULT_BATCH;
    }

    /**
     * A preset's settings as its stored search runs them. The latency presets' nets reach 14 GFLOPs at 224 px: at the
     * official batch 64 a Zen-Score of the larger families needs about 28 GiB of activations, more than the proxy's
     * memory budget, so they run at batch 16, screened at 4.
     */
    static SearchSettings storedSearchSettings(String preset) {
        SearchSettings s = Presets.get(preset);
        if (!preset.startsWith("imagenet-latency-")) return s;
        SearchSettings.Builder b = s.toBuilder();
        b.proxyBatch = 16;
        b.fast = s.fast().withScreenBatch(4);
        return b.build();
    }

    /** The study's command (resumable: the same command continues a stopped study). */
    public static final String STUDY_COMMAND = "zen train study runs/budget/cifar-params-1M --out runs/zen-vs-accuracy"
            + " && zen train export runs/zen-vs-accuracy";

    /**
     * The long runs behind the stored results, one command each, in the order to run them: the searches of every
     * budget, the Zen-vs-accuracy study on the CIFAR 1M search, the latency of the released nets.
     */
    public static List<String> longRunCommands(Path stored) {
        List<String> out = new ArrayList<>();
        for (String name : Presets.names()) {
            if (ReleasedNets.forPreset(name).isPresent()) out.add(searchCommand(name));
        }
        out.add(STUDY_COMMAND);
        out.add("zen latency released --imagenet-only --csv " + StoredResults.latencyReleased(stored));
        return out;
    }

    Table searches() {
        tech.tablesaw.api.StringColumn preset = tech.tablesaw.api.StringColumn.create("preset");
        tech.tablesaw.api.StringColumn net = tech.tablesaw.api.StringColumn.create("net");
        tech.tablesaw.api.StringColumn iterations = tech.tablesaw.api.StringColumn.create("iterations");
        tech.tablesaw.api.DoubleColumn hours = tech.tablesaw.api.DoubleColumn.create("hours");
        tech.tablesaw.api.DoubleColumn zen = tech.tablesaw.api.DoubleColumn.create("zen_score");
        tech.tablesaw.api.IntColumn zenBatch = tech.tablesaw.api.IntColumn.create("zen_batch");
        tech.tablesaw.api.DoubleColumn pCode = tech.tablesaw.api.DoubleColumn.create("params_code_M");
        tech.tablesaw.api.DoubleColumn fCode = tech.tablesaw.api.DoubleColumn.create("flops_code_M");
        tech.tablesaw.api.DoubleColumn p = tech.tablesaw.api.DoubleColumn.create("params_M");
        tech.tablesaw.api.DoubleColumn f = tech.tablesaw.api.DoubleColumn.create("flops_M");
        tech.tablesaw.api.StringColumn fits = tech.tablesaw.api.StringColumn.create("within_budget");
        Published.PaperValue fig7 = Published.value("fig7_zen_curve_end_cifar1m");
        Map<String, List<dev.zennas.search.CurvePoint>> curves = new LinkedHashMap<>();
        for (String name : Presets.names()) {
            if (ReleasedNets.forPreset(name).isEmpty()) continue;
            Path file = StoredResults.searchDir(options.stored(), name).resolve(StoredResults.SEARCH_SUMMARY);
            Optional<JsonObject> o = StoredResults.readJson(file);
            if (o.isEmpty()) {
                preset.append(name);
                net.append("missing: " + options.show(file) + " (" + searchCommand(name) + ")");
                iterations.append("");
                hours.appendMissing();
                zen.appendMissing();
                zenBatch.appendMissing();
                pCode.appendMissing();
                fCode.appendMissing();
                p.appendMissing();
                f.appendMissing();
                fits.append("");
                if (name.equals("cifar-params-1M")) {
                    findings.add(Finding.missing("fig7/search", SEARCH, "Fig. 7's curve end: the best Zen-Score of our"
                                    + " CIFAR 1M search (re-scored, 8 draws)", Finding.number(fig7.value()), options.show(file),
                            searchCommand(name), fig7.source()));
                }
                continue;
            }
            JsonObject s = o.get();
            List<dev.zennas.search.CurvePoint> curve = StoredResults.readCurve(file.getParent());
            if (!curve.isEmpty()) curves.put(name, curve);
            JsonObject how = s.has("rescore") ? s.getAsJsonObject("rescore") : new JsonObject();
            int rescoreBatch = how.has("batch") ? how.get("batch").getAsInt() : SearchReport.Rescore.DEFAULT_BATCH;
            for (String who : List.of("best", "released")) {
                if (!s.has(who)) continue;
                JsonObject b = s.getAsJsonObject(who);
                preset.append(name);
                net.append(who.equals("best") ? "search best" : b.get("name").getAsString());
                iterations.append(who.equals("best") ? s.get("iterations_done").getAsLong() + " of "
                        + s.get("iterations_planned").getAsLong() + " (" + s.get("mode").getAsString() + ")" : "");
                if (who.equals("best")) hours.append(Math.round(s.get("wall_seconds").getAsDouble() / 36.0) / 100.0);
                else hours.appendMissing();
                zen.append(Math.round(b.get("rescored").getAsDouble() * 100) / 100.0);
                zenBatch.append(rescoreBatch);
                pCode.append(b.get("params_code").getAsDouble() / 1e6);
                fCode.append(Math.round(b.get("flops_code").getAsDouble() / 1e5) / 10.0);
                p.append(b.get("params").getAsDouble() / 1e6);
                f.append(Math.round(b.get("flops").getAsDouble() / 1e5) / 10.0);
                fits.append(b.get("within_budget").getAsString());
            }
            if (name.equals("cifar-params-1M") && s.has("best")) {
                double best = s.getAsJsonObject("best").get("rescored").getAsDouble();
                findings.add(Finding.compare("fig7/search", SEARCH, "Fig. 7's curve end: the best Zen-Score of our"
                                + " CIFAR 1M search (re-scored, 8 draws)", fig7.value(), best,
                        Tolerance.absolute(6, "read off a plot"),
                        "our search ran " + s.get("iterations_done").getAsLong() + " of "
                                + s.get("iterations_planned").getAsLong() + " iterations in " + s.get("mode").getAsString()
                                + " mode", s.get("command").getAsString(), fig7.source()));
            }
        }
        if (!curves.isEmpty()) plotTables.put("search-curves", dev.zennas.search.SearchReport.curves(curves));
        return Table.create("searches beside the released nets", preset, net, iterations, hours, zen, zenBatch, pCode,
                fCode, p, f, fits);
    }

    // ---- training (stored) ---------------------------------------------------------------------------------------

    void training() {
        Path dir = StoredResults.trainingDir(options.stored());
        Published.PaperValue tau = Published.value("fig15_kendall_cifar10");
        String studyCmd = STUDY_COMMAND;
        Optional<JsonObject> study = StoredResults.readJson(dir.resolve(StoredResults.STUDY));
        String what = "Kendall τ between Zen-Score and CIFAR-10 top-1 over 16 structures of a search population";
        if (study.isEmpty()) {
            findings.add(Finding.missing("fig15/cifar10", TRAINING, what, Finding.number(tau.value()),
                    options.show(dir.resolve(StoredResults.STUDY)), studyCmd, tau.source()));
        } else {
            JsonObject s = study.get();
            ConfidenceInterval ci = dev.zennas.util.Json.gson().fromJson(s.getAsJsonObject("study")
                    .getAsJsonObject("correlations").getAsJsonObject("zen").get("kendall_tau"), ConfidenceInterval.class);
            int nets = s.getAsJsonObject("study").get("networks").getAsInt();
            String schedule = s.has("training") ? s.getAsJsonObject("training").getAsJsonObject("recipe").get("epochs")
                    .getAsInt() + " epochs on " + s.getAsJsonObject("training").getAsJsonObject("data").get("trainLimit")
                    .getAsInt() + " images" : "a short schedule";
            boolean ok = ci.covers(tau.value());
            findings.add(new Finding("fig15/cifar10", TRAINING, what + " (ours: " + nets + " nets, " + schedule + ")",
                    Finding.number(tau.value()), Finding.number(ci.estimate()) + " [" + Finding.number(ci.low()) + ", "
                    + Finding.number(ci.high()) + "]", "the paper's value inside our 95 % bootstrap interval",
                    ok ? Outcome.REPRODUCED : Outcome.DIFFERS,
                    ok ? "" : "outside our interval; ours trains " + schedule + " instead of 1,440 epochs on 50,000",
                    s.get("command").getAsString(), tau.source()));
        }
        Published.PaperValue tau100 = Published.value("fig15_kendall_cifar100");
        findings.add(Finding.notHere("fig15/cifar100", TRAINING, "Kendall τ between Zen-Score and CIFAR-100 top-1",
                Finding.number(tau100.value()), "", NO_CIFAR100 + "; the study runs on CIFAR-10", "", tau100.source()));
        Map<String, JsonObject> runs = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    if (!f.toString().endsWith(".json") || f.getFileName().toString().equals(StoredResults.STUDY)) continue;
                    StoredResults.readJson(f).ifPresent(o -> {
                        if (o.has("spec")) runs.put(o.getAsJsonObject("spec").get("label").getAsString(), o);
                    });
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (ReleasedNet n : ReleasedNets.all()) {
            String id = "top1/" + n.name();
            String what2 = n.name() + ": top-1 (%)";
            if (!n.dataset().startsWith("cifar")) {
                findings.add(Finding.notHere(id, TRAINING, what2, Finding.number(n.top1()), "",
                        "ImageNet training needs the ImageNet data and GPUs (the paper: 8 V100s, 480 epochs)", "",
                        n.source()));
                continue;
            }
            JsonObject run = runs.get(n.name());
            if (run == null) {
                findings.add(Finding.notHere(id, TRAINING, what2, Finding.number(n.top1()), "",
                        (n.dataset().equals("cifar10") ? "" : NO_CIFAR100 + "; ")
                                + "the paper's 1,440-epoch recipe takes weeks on this CPU; no stored training run of this net",
                        "zen train " + n.name() + " --preset paper", n.source()));
                continue;
            }
            double top1 = run.get("best_top1").getAsDouble();
            int done = run.get("epochs_done").getAsInt();
            String preset = run.getAsJsonObject("spec").getAsJsonObject("recipe").get("preset").getAsString();
            if (preset.equals("paper") && run.get("completed").getAsBoolean()) {
                findings.add(Finding.compare(id, TRAINING, what2, n.top1(), top1,
                        Tolerance.absolute(0.3, "seed-to-seed spread"), "", run.get("command").getAsString(), n.source()));
            } else {
                findings.add(Finding.notHere(id, TRAINING, what2, Finding.number(n.top1()), Finding.number(top1),
                        "ours is " + done + " epochs of the '" + preset + "' recipe, not 1,440 of the paper's",
                        run.get("command").getAsString(), n.source()));
            }
        }
        for (String tableId : List.of("table4_zennet1m_cifar10_top1", "table4_zennet1m_cifar100_top1",
                "table4_zennet2m_cifar10_top1", "table4_zennet2m_cifar100_top1")) {
            Published.PaperValue v = Published.value(tableId);
            findings.add(Finding.notHere(tableId, TRAINING, v.what() + " (paper)", Finding.number(v.value()), "",
                    "the paper's 1,440-epoch recipe takes weeks on this CPU" + (v.context().isEmpty() ? ""
                            : "; " + v.context()), "", v.source()));
        }
    }

    // ---- latency (stored) ----------------------------------------------------------------------------------------

    /** Why CIFAR-100 numbers are not reproduced here: the data, not the code (the loader reads it). */
    static final String NO_CIFAR100 = "no CIFAR-100 copy here (zen train --dataset cifar100 reads cifar-100-binary under ZEN_DATA)";

    void latency() {
        Path file = StoredResults.latencyReleased(options.stored());
        String cmd = "zen latency released --imagenet-only --csv " + options.show(file);
        Optional<Table> t = StoredResults.readCsv(file);
        Map<String, Double> measured = new LinkedHashMap<>();
        t.ifPresent(table -> {
            for (tech.tablesaw.api.Row r : table) measured.put(r.getString("name"), r.getNumber("measured_ms"));
        });
        for (ReleasedNet n : ReleasedNets.all()) {
            if (n.latencyV100().isEmpty()) continue;
            Double ms = measured.get(n.name());
            String ours = ms == null ? "" : Finding.number(ms) + " ms on this CPU";
            findings.add(Finding.notHere("latency/" + n.name() + "/v100", LATENCY, n.name() + ": V100 FP16 ms/image"
                    + " (batch 64)", Finding.number(n.latencyV100().getAsDouble()), ours, "no V100 here", cmd, n.source()));
            n.latencyT4().ifPresent(v -> findings.add(Finding.notHere("latency/" + n.name() + "/t4", LATENCY, n.name()
                    + ": T4 TensorRT INT8 ms/image (batch 64)", Finding.number(v), "", "no T4 or TensorRT here", "",
                    n.source())));
            n.latencyPixel2().ifPresent(v -> findings.add(Finding.notHere("latency/" + n.name() + "/pixel2", LATENCY,
                    n.name() + ": Pixel 2 ms (batch 1)", Finding.number(v), "", "no Pixel 2 here", "", n.source())));
        }
        String what = "the order of the released ImageNet nets by V100 latency, against ours on this CPU";
        String src = "official README (ImageNet models table); " + PAPER + ", App. I Table 7";
        if (t.isEmpty()) {
            findings.add(Finding.missing("latency/rank", LATENCY, what, "their order", options.show(file), cmd, src));
        } else {
            double rho = dev.zennas.latency.AccuracyLatency.spearmanV100(t.get());
            boolean ok = rho >= 0.8;
            findings.add(new Finding("latency/rank", LATENCY, what, "their order", "Spearman ρ " + Finding.number(rho),
                    "ρ ≥ 0.8", ok ? Outcome.REPRODUCED : Outcome.DIFFERS,
                    ok ? "" : "the CPU ranks the nets differently from the V100", cmd, src));
        }
        findings.add(Finding.notHere("imagenet-table", LATENCY, "the 53-network ImageNet table (top-1, params, FLOPs,"
                        + " V100/T4/Pixel 2 latency)", "53 rows (data/imagenet_big_table.csv)", "",
                "other papers' networks measured on devices absent here; its ZenNet rows are checked above",
                "", PAPER + ", App. I Table 7"));
    }

    // ---- Table 1 and the rest -----------------------------------------------------------------------------------

    void proxyComparison() {
        for (Published.ProxyComparison p : Published.proxyComparison()) {
            String paper = String.format(Locale.ROOT, "CIFAR-10 %s %%, CIFAR-100 %s %%, %s M params, %s MFLOPs, %s ms",
                    Finding.number(p.cifar10Top1()), Finding.number(p.cifar100Top1()), Finding.number(p.paramsM()),
                    Finding.number(p.flopsM()), Finding.number(p.latencyV100Ms()));
            findings.add(Finding.notHere("table1/" + p.proxy(), PROXIES, p.proxy() + " as the search fitness (1M params)",
                    paper, "", "needs a 96,000-iteration search with this proxy and the 1,440-epoch training of its result",
                    "zen search --preset cifar-params-1M --proxy " + p.proxyHere(), p.source()));
        }
    }

    void costAndSpeed() {
        for (int depth : List.of(18, 50)) {
            Published.PaperValue v = Published.value("table2_zen_seconds_resnet" + depth);
            Double s = resnetSeconds.get(depth);
            findings.add(Finding.notHere("table2/resnet" + depth, OTHER, v.what(), Finding.number(v.value()) + " s",
                    s == null ? "" : Finding.number(s) + " s per draw on this CPU (batch 16)",
                    "a V100 timing; ours is a CPU", "zen reproduce --quick", v.source()));
        }
        Published.PaperValue cost = Published.value("table3_zennas_gpu_days");
        findings.add(Finding.notHere("table3/cost", OTHER, cost.what(), Finding.number(cost.value()) + " GPU days", "",
                "GPU days on a V100; see the searches' wall time above", "", cost.source()));
    }
}
