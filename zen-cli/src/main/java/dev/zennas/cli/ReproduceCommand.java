package dev.zennas.cli;

import dev.zennas.reproduce.Finding;
import dev.zennas.reproduce.Outcome;
import dev.zennas.reproduce.Reproduction;
import dev.zennas.reproduce.ReproductionReport;
import dev.zennas.reproduce.StoredResults;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zen reproduce}: the paper's numbers beside ours, with tolerances and verdicts (see {@link Reproduction}). */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Every published number of the Zen-NAS paper and README beside ours: tolerance, verdict, command.",
                "--quick recomputes counts, Zen-Scores and small correlation samples (minutes) and reads docs/results for"
                        + " the long runs; --full also scores the Suite-Zero subset and 1,000-cell Zen samples of every dataset.",
                "Writes reproduction.md, reproduction.html and reproduction/ (findings.csv, plots) into --out."})
public final class ReproduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Mode {
        @Option(names = "--quick", description = "Recompute what takes minutes; read the stored results for the rest (default).")
        boolean quick;

        @Option(names = "--full", description = "Also score the Suite-Zero subset and 1,000-cell Zen samples (hours), and print the long runs' commands.")
        boolean full;
    }

    @ArgGroup(exclusive = true)
    Mode mode;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default: docs of the workbench).")
    Path out;

    @Option(names = "--results", paramLabel = "DIR", description = "The stored results (default: docs/results of the workbench).")
    Path results;

    @Option(names = "--check", description = "Exit 1 if a number the baseline marks reproduced now differs (drifted outside its tolerance).")
    boolean check;

    @Option(names = "--baseline", paramLabel = "FILE", description = "findings.csv to check against (default: docs/reproduction/findings.csv of the workbench).")
    Path baseline;

    @Option(names = "--threads", paramLabel = "N", description = "Scoring threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        boolean full = mode != null && mode.full;
        Path root = WorkbenchPaths.root();
        Path outDir = out != null ? out : root.resolve("docs");
        Path stored = results != null ? results : StoredResults.defaultRoot(root);
        Path base = baseline != null ? baseline : root.resolve("docs").resolve(ReproductionReport.ASSETS)
                .resolve(ReproductionReport.FINDINGS);
        if (threads != null && threads < 1) throw new UserError("--threads must be at least 1, got " + threads);
        Path baseCopy = null;
        if (check) {
            if (!Files.isRegularFile(base)) {
                throw new UserError("no baseline " + base + " to check against; write one with 'zen reproduce --quick'");
            }
            // the report may overwrite the baseline (same folder): compare with the file as it was
            try {
                baseCopy = Files.createTempFile("zen-findings", ".csv");
                Files.copy(base, baseCopy, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new UserError("cannot read " + base + ": " + e.getMessage(), e);
            }
        }
        int t = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        Reproduction.Options o = new Reproduction.Options(full, stored, t, full ? 1000 : 100, root);
        PrintWriter w = spec.commandLine().getOut();
        Reproduction.Result r = Reproduction.build(o, new PrintWriter(System.err, true));
        String command = "zen reproduce " + (full ? "--full" : "--quick");
        List<Path> written = ReproductionReport.write(r, outDir, command);
        Map<Outcome, Integer> counts = ReproductionReport.counts(r.findings());
        StringBuilder summary = new StringBuilder();
        counts.forEach((k, v) -> {
            if (v > 0) summary.append(summary.length() == 0 ? "" : ", ").append(v).append(' ').append(k.label());
        });
        w.printf(Locale.ROOT, "%d findings: %s (%.0f s)%n", r.findings().size(), summary, r.seconds());
        for (Finding f : r.findings()) {
            if (f.outcome() == Outcome.MISSING) w.println("missing: " + f.what() + " — " + f.reason());
        }
        w.println("wrote " + outDir.resolve(ReproductionReport.MARKDOWN) + " (" + written.size() + " files)");
        if (full) {
            // the long runs are hours each: --full names them (each resumable) rather than starting them unasked
            w.println("the long runs behind the stored results (run each, then 'zen reproduce' again):");
            for (String c : Reproduction.longRunCommands(results != null ? results : StoredResults.DEFAULT_DIR)) {
                w.println("  " + c);
            }
        }
        int status = 0;
        if (check) {
            List<String> drifted = ReproductionReport.check(r.findings(), baseCopy);
            try {
                Files.deleteIfExists(baseCopy);
            } catch (java.io.IOException e) {
                // a temporary file left behind is harmless
            }
            if (drifted.isEmpty()) {
                w.println("check: every number the baseline marks reproduced is still within its tolerance");
            } else {
                for (String d : drifted) w.println("check: drifted: " + d);
                w.println("check: " + drifted.size() + " number(s) drifted outside their tolerance");
                status = 1;
            }
        }
        w.flush();
        return status;
    }
}
