package dev.zennas.cli;

import dev.zennas.search.EvolutionSearch;
import dev.zennas.search.FastOptions;
import dev.zennas.search.Member;
import dev.zennas.search.Presets;
import dev.zennas.search.RescoredBest;
import dev.zennas.search.Scorers;
import dev.zennas.search.SearchMode;
import dev.zennas.search.SearchReport;
import dev.zennas.search.SearchRun;
import dev.zennas.search.SearchSettings;
import dev.zennas.search.SearchState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code zen search}: the Zen-NAS evolutionary search under a paper budget, resumable, with a ledger.
 *
 * <pre>
 * zen search --preset cifar-params-1M --iterations 20000 --mode fast --out runs/c1m
 * zen search --resume runs/c1m            # continue after a kill
 * zen search report runs/c1m              # curve, rejections, best vs released
 * zen search presets                      # list the presets
 * </pre>
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Evolutionary Zen-NAS search under a paper budget (official or fast mode).",
        subcommands = {SearchCommand.Report.class, SearchCommand.Compare.class, SearchCommand.ListPresets.class})
public final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", description = "Budget preset (see 'zen search presets').")
    String preset;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last snapshot.")
    Path resume;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/PRESET-MODE-sSEED-TIME).")
    Path out;

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations (official 480000).")
    Long iterations;

    @Option(names = "--population", paramLabel = "P", description = "Population size (official 512).")
    Integer population;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (default 0).")
    Long seed;

    @Option(names = "--proxy", paramLabel = "NAME", description = "Fitness proxy (default Zen).")
    String proxy;

    @Option(names = "--mode", paramLabel = "MODE", description = "official or fast (default official).")
    SearchMode mode;

    @Option(names = "--threads", paramLabel = "T", description = "Scoring threads (default 1). For a given --candidates-per-step the result does not depend on it.")
    Integer threads;

    @Option(names = "--batch", paramLabel = "B", description = "Proxy batch size (official 64).")
    Integer batch;

    @Option(names = "--candidates-per-step", paramLabel = "K",
            description = "Candidates generated from one population and scored in parallel; 1 = the official loop (default: 1 in official mode, 2 in fast mode; never derived from --threads, so the thread count cannot change a result). Part of the result; fixed in the ledger.")
    Integer candidatesPerStep;

    @Option(names = "--classes", paramLabel = "K", description = "Classes for the budget and proxy (CIFAR presets: 100 like the scripts).")
    Integer classes;

    @Option(names = "--max-layers", paramLabel = "L", description = "Max layers (0 = none).")
    Integer maxLayers;

    @Option(names = "--budget-params", paramLabel = "P", description = "Code-rule params budget (0 = none).")
    Double budgetParams;

    @Option(names = "--budget-flops", paramLabel = "F", description = "Code-rule FLOPs budget (0 = none).")
    Double budgetFlops;

    @Option(names = "--budget-latency-ms", paramLabel = "MS",
            description = "Absolute latency budget in ms per image on this machine, predicted from its latency table (latency presets default to their released net's latency here).")
    Double budgetLatencyMs;

    @Option(names = "--resolution", paramLabel = "R", description = "Search resolution.")
    Integer resolution;

    @Option(names = "--space", paramLabel = "NAME", description = "Search space: XXBL or IDW_fixfc (default: the preset's).")
    String space;

    @Option(names = "--width-cap", paramLabel = "W", description = "Width cap of mutated widths (XXBL official 2048).")
    Integer widthCap;

    @Option(names = "--initial", paramLabel = "STRUCT", description = "Initial structure F0.")
    String initial;

    @Option(names = "--gamma", paramLabel = "G", description = "Zen-score perturbation (official 0.01).")
    Double gamma;

    @Option(names = "--repeats", paramLabel = "N", description = "Proxy repeats per candidate (official 1).")
    Integer repeats;

    @Option(names = "--snapshot-every", paramLabel = "N", description = "Iterations between snapshots (default 1000).")
    Integer snapshotEvery;

    @Option(names = "--curve-every", paramLabel = "N", description = "Iterations between curve points (default 1000).")
    Integer curveEvery;

    @Option(names = "--screen-batch", paramLabel = "B", description = "Fast mode: screening batch (0 = off, default 16).")
    Integer screenBatch;

    @Option(names = "--early-replaces", paramLabel = "N", description = "Fast mode: block replacements in the early phase (0 = off, default 4).")
    Integer earlyReplaces;

    @Option(names = "--early-iterations", paramLabel = "N", description = "Fast mode: length of the early phase (default 500).")
    Long earlyIterations;

    @Option(names = "--random-init", negatable = true, description = "Fast mode: random start near the budget (default on).")
    Boolean randomInit;

    @Option(names = "--init-fraction", paramLabel = "F", description = "Fast mode: budget fraction of the random start (default 0.8).")
    Double initFraction;

    @Option(names = "--cache", negatable = true, description = "Fast mode: score cache for duplicates (default on).")
    Boolean cache;

    @Option(names = "--tournament", paramLabel = "K", description = "Fast mode: parent = best of K uniform draws (0/1 = uniform as official, default 4).")
    Integer tournament;

    @Option(names = "--dry-run", description = "Print the settings and exit.")
    boolean dryRun;

    @Option(names = "--no-progress", description = "No progress bar (log lines every curve point instead).")
    boolean noProgress;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Stop (resumably) after this many seconds of this session.")
    Double timeLimit;

    @Option(names = "--stop-after", paramLabel = "N", hidden = true, description = "Stop (as if killed) after N iterations.")
    Long stopAfter;

    /** Standalone entry point (the same as {@code zen search ARGS}). */
    public static void main(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "search";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine cli = Main.commandLine();
        if (!cli.getSubcommands().containsKey("search")) cli.addSubcommand(new SearchCommand());
        PrintWriter o = new PrintWriter(System.out, true);
        PrintWriter e = new PrintWriter(System.err, true);
        cli.setOut(o);
        cli.setErr(e);
        System.exit(cli.execute(all));
    }

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        SearchRun run;
        int t = threads != null ? threads : 1;
        if (t < 1) throw new UserError("--threads must be at least 1, got " + t);
        if (resume != null) {
            if (preset != null || iterations != null || population != null || seed != null || proxy != null || mode != null
                    || batch != null || out != null || classes != null) {
                throw new UserError("--resume takes its settings from the run's ledger; only --threads and --no-progress apply");
            }
            run = SearchRun.resume(resume, SearchLatency.predictorIfBuilt());
            if (run.finished()) {
                w.println("run " + resume + " is already finished; see 'zen search report " + resume + "'");
                w.flush();
                return 0;
            }
            w.println("resuming " + resume + " at iteration " + run.state().nextIteration + " of " + run.settings().iterations());
        } else {
            if (preset == null) throw new UserError("give --preset NAME (see 'zen search presets') or --resume DIR");
            SearchSettings s = settings(t);
            printSettings(w, s);
            if (dryRun) {
                w.flush();
                return 0;
            }
            Path dir = out != null ? out : Path.of("runs", s.preset() + "-" + s.mode().name().toLowerCase(Locale.ROOT) + "-s" + s.seed()
                    + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            run = SearchRun.create(dir, s);
            w.println("run directory: " + dir);
        }
        w.flush();
        long until = stopAfter != null ? Math.min(stopAfter, run.settings().iterations()) : run.settings().iterations();
        SearchState st = runWithProgress(run, t, until, w);
        Member best = st.best();
        w.println(run.finished() ? "finished " + st.nextIteration + " iterations in " + fmt(st.elapsedSeconds) + " s"
                : "stopped at iteration " + st.nextIteration + " (resume with --resume " + run.dir() + ")");
        if (best != null) w.println("best score " + fmt(best.score()) + " (iteration " + best.iteration() + "): " + best.structure());
        if (best != null && run.settings().constraints().maxLatencyMs() > 0) {
            SearchLatency.verify(w, run.settings(), dev.zennas.arch.Structure.parse(best.structure()), run.dir());
        }
        w.println("report: zen search report " + run.dir());
        w.flush();
        return 0;
    }

    private SearchState runWithProgress(SearchRun run, int t, long until, PrintWriter w) {
        long total = run.settings().iterations();
        if (noProgress) {
            long every = run.settings().curveEvery();
            return run.runUntil(t, until, limit(), (st, from, to) -> {
                if (to / every != from / every || to == total) {
                    Member b = st.best();
                    w.printf(Locale.ROOT, "iteration %d/%d  best %s  population %d  %.1f it/s%n", to, total,
                            b == null ? "-" : fmt(b.score()), st.population.size(), to / Math.max(1e-9, st.elapsedSeconds));
                    w.flush();
                }
            });
        }
        try (ProgressBar pb = new ProgressBarBuilder().setTaskName("search").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().setUnit(" it", 1)
                .startsFrom(run.state().nextIteration, java.time.Duration.ZERO).build()) {
            return run.runUntil(t, until, limit(), (st, from, to) -> {
                pb.stepTo(to);
                Member b = st.best();
                if (b != null) pb.setExtraMessage(" best " + fmt(b.score()));
            });
        }
    }

    private double limit() {
        if (timeLimit == null) return 0;
        if (!(timeLimit > 0)) throw new UserError("--time-limit must be positive, got " + timeLimit);
        return timeLimit;
    }

    private SearchSettings settings(int t) {
        SearchSettings.Builder b = Presets.get(preset).toBuilder();
        if (iterations != null) b.iterations = iterations;
        if (population != null) b.population = population;
        if (seed != null) b.seed = seed;
        if (proxy != null) b.proxy = proxy;
        if (mode != null) b.mode = mode;
        if (batch != null) b.proxyBatch = batch;
        // K is part of the result; deriving it from --threads would make results depend on the worker count.
        SearchMode effectiveMode = mode != null ? mode : b.mode;
        b.candidatesPerStep = candidatesPerStep != null ? candidatesPerStep : (effectiveMode == SearchMode.FAST ? 2 : 1);
        if (classes != null) b.numClasses = classes;
        if (maxLayers != null) b.maxLayers = maxLayers;
        if (budgetParams != null) b.maxParams = Math.round(budgetParams);
        if (budgetFlops != null) b.maxFlops = budgetFlops;
        if (resolution != null) b.resolution = resolution;
        if (space != null) b.space = space;
        if (widthCap != null) b.widthCap = widthCap;
        if (initial != null) b.initialStructure = initial;
        if (gamma != null) b.gamma = gamma;
        if (repeats != null) b.repeats = repeats;
        if (snapshotEvery != null) b.snapshotEvery = snapshotEvery;
        if (curveEvery != null) b.curveEvery = curveEvery;
        FastOptions f = b.fast;
        b.fast = new FastOptions(cache != null ? cache : f.cache(), f.cacheSize(), randomInit != null ? randomInit : f.randomInit(),
                initFraction != null ? initFraction : f.initBudgetFraction(), screenBatch != null ? screenBatch : f.screenBatch(),
                earlyReplaces != null ? earlyReplaces : f.earlyReplaces(), earlyIterations != null ? earlyIterations : f.earlyIterations(),
                tournament != null ? tournament : f.tournament());
        if (budgetLatencyMs != null) {
            if (!(budgetLatencyMs >= 0)) throw new UserError("--budget-latency-ms must be >= 0, got " + budgetLatencyMs);
            b.maxLatencyMs = budgetLatencyMs;
        }
        if (b.maxLatencyMs > 0) SearchLatency.attach(b, budgetLatencyMs != null, dryRun, spec.commandLine().getOut());
        SearchSettings s = b.build();
        if (!Presets.runnable(s) && !dryRun) {
            throw new UserError("preset " + s.preset() + " has a latency budget (" + s.constraints().maxLatencyMs()
                    + " ms/image) but no latency model; build this machine's table with `zen latency table build`");
        }
        if (!Scorers.exists(s.fitness().proxy())) {
            throw new UserError("unknown proxy '" + s.fitness().proxy() + "' (known: " + String.join(", ", Scorers.names()) + ")");
        }
        return s;
    }

    static void printSettings(PrintWriter w, SearchSettings s) {
        w.println("search settings (" + Presets.script(s.preset()) + ")");
        for (Map.Entry<String, String> e : s.describe().entrySet()) w.printf("  %-28s %s%n", e.getKey(), e.getValue());
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e5 ? "%.0f" : "%.4g", v);
    }

    /** {@code zen search report DIR}. */
    @Command(name = "report", mixinStandardHelpOptions = true, description = "Curve, rejection counts and best vs the released net of a run directory.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "Run directory.")
        Path dir;

        @Option(names = "--rescore-proxy", paramLabel = "NAME", description = "Proxy to re-score best and released with (default Zen; 'none' to skip).")
        String rescoreProxy = "Zen";

        @Option(names = "--rescore-repeats", paramLabel = "N", description = "Repeats of the re-scoring (default 8).")
        int rescoreRepeats = 8;

        @Option(names = "--rows", paramLabel = "N", description = "Curve rows to print (default 20).")
        int rows = 20;

        @Option(names = "--top", paramLabel = "K", description = "Re-score the K best distinct members and report the best re-scored one (default 5; 1 = the best single draw only).")
        int top = 5;

        @Override
        public Integer call() {
            if (!Files.isDirectory(dir)) throw new UserError("no such run directory: " + dir);
            SearchRun run = SearchRun.resume(dir);
            SearchSettings s = run.settings();
            SearchState st = run.state();
            PrintWriter w = spec.commandLine().getOut();
            printSettings(w, s);
            w.println("status: " + run.status() + ", " + st.nextIteration + " of " + s.iterations()
                    + " iterations, " + fmt(st.elapsedSeconds) + " s (" + fmt(st.nextIteration / Math.max(1e-9, st.elapsedSeconds)) + " it/s)");
            w.println(SearchReport.thin(SearchReport.curve(st.curve), Math.max(2, rows)).printAll());
            w.println(SearchReport.verdicts(st).printAll());
            Member best = st.best();
            if (best == null) {
                w.println("no candidate scored yet");
            } else {
                if (top < 1) throw new UserError("--top must be at least 1, got " + top);
                w.println("best score " + fmt(best.score()) + " at iteration " + best.iteration());
                w.print(RescoredBest.of(s, st, rescoreProxy, 64, rescoreRepeats, top, RescoredBest.REPORT_SEED).report());
            }
            Path html = dir.resolve("curve.html");
            java.util.List<Path> written;
            try {
                written = SearchReport.write(SearchReport.curvePlot(st.curve, s.preset() + " (" + s.fitness().proxy() + ")"), html);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + html + ": " + e.getMessage(), e);
            }
            w.println("plot: " + String.join(" and ", written.stream().map(Path::toString).toList()));
            w.flush();
            return 0;
        }
    }

    /** {@code zen search compare DIR...}: best score by wall time across runs (e.g. official vs fast mode). */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Best score by wall time across run directories; writes compare.html into the first.")
    static final class Compare implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Run directories.")
        java.util.List<Path> dirs;

        @Option(names = "--at", paramLabel = "SECONDS", split = ",", description = "Wall times for the table (default 60,120,240,480,960,1920,3600,7200).")
        double[] at = {60, 120, 240, 480, 960, 1920, 3600, 7200};

        @Option(names = "--html", paramLabel = "FILE", description = "Where to write the plot (default: DIR1/compare.html).")
        Path html;

        @Override
        public Integer call() {
            java.util.Map<String, java.util.List<dev.zennas.search.CurvePoint>> runs = new java.util.LinkedHashMap<>();
            for (Path d : dirs) {
                if (!Files.isDirectory(d)) throw new UserError("no such run directory: " + d);
                String name = d.getFileName().toString();
                while (runs.containsKey(name)) name = name + "'";
                runs.put(name, SearchRun.resume(d).state().curve);
            }
            PrintWriter w = spec.commandLine().getOut();
            w.println(SearchReport.bestAtSeconds(runs, at).printAll());
            Path out = html != null ? html : dirs.get(0).resolve("compare.html");
            java.util.List<Path> written;
            try {
                written = SearchReport.write(SearchReport.curvesPlot(runs, "best score by wall time"), out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            w.println("plot: " + String.join(" and ", written.stream().map(Path::toString).toList()));
            w.flush();
            return 0;
        }
    }

    /** {@code zen search presets}. */
    @Command(name = "presets", mixinStandardHelpOptions = true, description = "List the search presets (one per official script) with their budgets.")
    static final class ListPresets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter w = spec.commandLine().getOut();
            w.printf("%-24s %-10s %-6s %-5s %-22s %s%n", "preset", "space", "res", "layers", "budget", "script");
            for (String n : Presets.names()) {
                SearchSettings s = Presets.get(n);
                var c = s.constraints();
                String budget = c.maxParams() > 0 ? "params <= " + c.maxParams()
                        : c.maxFlops() > 0 ? String.format(Locale.ROOT, "FLOPs <= %.0fM", c.maxFlops() / 1e6)
                        : "latency <= " + c.maxLatencyMs() + " ms (V100)";
                w.printf("%-24s %-10s %-6d %-5d %-22s %s%n", n, s.space(), c.resolution(), c.maxLayers(), budget, Presets.script(n));
            }
            w.flush();
            return 0;
        }
    }
}
