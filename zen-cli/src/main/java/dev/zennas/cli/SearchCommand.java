package dev.zennas.cli;

import static dev.zennas.search.SearchState.formatNumber;

import dev.zennas.scoring.ScoringExecutor;
import dev.zennas.search.Member;
import dev.zennas.search.SearchRun;
import dev.zennas.search.SearchSettings;
import dev.zennas.search.SearchState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code zen search}: the Zen-NAS evolutionary search under a paper budget, resumable, with a ledger.
 *
 * <pre>
 * zen search --preset cifar-params-1M --iterations 20000 --mode fast --out runs/c1m
 * zen search --resume runs/c1m            # continue after a kill
 * zen search --preset cifar-params-1M --engine spark --master local[2]   # score each step as a Spark job
 * zen search report runs/c1m              # curve, rejections, best vs released
 * zen search presets                      # list the presets
 * </pre>
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Evolutionary Zen-NAS search under a paper budget (official or fast mode).",
        subcommands = {SearchReportCommand.class, SearchCompareCommand.class, SearchPresetsCommand.class,
                SearchExportCommand.class})
public final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", description = "Budget preset (see 'zen search presets').")
    String preset;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last snapshot.")
    Path resume;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/PRESET-MODE-sSEED-TIME).")
    Path out;

    @Mixin
    SearchOptions options;

    @Option(names = "--threads", paramLabel = "T", description = "Scoring threads of the local engine (default 1). For a given --candidates-per-step the result does not depend on it, nor on the engine.")
    Integer threads;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--dry-run", description = "Print the settings and exit.")
    boolean dryRun;

    @Option(names = "--no-progress", description = "No progress bar (log lines every curve point instead).")
    boolean noProgress;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Stop (resumably) after this many seconds of this session.")
    Double timeLimit;

    @Option(names = "--stop-after", paramLabel = "N", hidden = true, description = "Stop (as if killed) after N iterations.")
    Long stopAfter;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        SearchRun run;
        int t = threads != null ? threads : 1;
        if (t < 1) throw new UserError("--threads must be at least 1, got " + t);
        engine.name(); // a missing or misconfigured engine is bad input before any run directory exists
        if (resume != null) {
            if (preset != null || out != null || options.setsTheResult()) {
                throw new UserError("--resume takes its settings from the run's ledger; only --threads, --engine,"
                        + " --master and --no-progress apply");
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
            SearchSettings s = options.apply(preset, dryRun, w);
            w.println(s.toText());
            if (dryRun) {
                w.flush();
                return 0;
            }
            Path dir = out != null ? out : s.defaultRunDir(LocalDateTime.now());
            run = SearchRun.create(dir, s);
            w.println("run directory: " + dir);
        }
        w.flush();
        long until = stopAfter != null ? Math.min(stopAfter, run.settings().iterations()) : run.settings().iterations();
        SearchState st = runWithProgress(run, t, until, w);
        Member best = st.best();
        w.println(run.finished() ? "finished " + st.nextIteration + " iterations in " + formatNumber(st.elapsedSeconds) + " s"
                : "stopped at iteration " + st.nextIteration + " (resume with --resume " + run.dir() + ")");
        if (best != null) w.println("best score " + formatNumber(best.score()) + " (iteration " + best.iteration() + "): " + best.structure());
        if (best != null && run.settings().constraints().maxLatencyMs() > 0) {
            SearchLatency.verify(w, run.settings(), dev.zennas.arch.Structure.parse(best.structure()), run.dir());
        }
        w.println("report: zen search report " + run.dir());
        w.flush();
        return 0;
    }

    private SearchState runWithProgress(SearchRun run, int t, long until, PrintWriter w) {
        try (ScoringExecutor executor = engine.create()) {
            return runWithProgress(run, executor, t, until, w);
        }
    }

    private SearchState runWithProgress(SearchRun run, ScoringExecutor executor, int t, long until, PrintWriter w) {
        long total = run.settings().iterations();
        if (noProgress) return run.runUntil(executor, t, until, limit(), run.curvePointLog(w));
        try (ProgressBar pb = new ProgressBarBuilder().setTaskName("search").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().setUnit(" it", 1)
                .startsFrom(run.state().nextIteration, java.time.Duration.ZERO).build()) {
            return run.runUntil(executor, t, until, limit(), (st, from, to) -> {
                pb.stepTo(to);
                Member b = st.best();
                if (b != null) pb.setExtraMessage(" best " + formatNumber(b.score()));
            });
        }
    }

    private double limit() {
        if (timeLimit == null) return 0;
        if (!(timeLimit > 0)) throw new UserError("--time-limit must be positive, got " + timeLimit);
        return timeLimit;
    }
}
