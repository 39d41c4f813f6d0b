package dev.zennas.cli;

import dev.zennas.search.Member;
import dev.zennas.search.SearchReport;
import dev.zennas.search.SearchRun;
import dev.zennas.search.SearchSettings;
import dev.zennas.search.SearchState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zen search report DIR}. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Curve, rejection counts and best vs the released net of a run directory.")
final class SearchReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Run directory.")
    Path dir;

    @picocli.CommandLine.Mixin
    SharedOptions.Rescoring rescoring;

    @Option(names = "--rows", paramLabel = "N", description = "Curve rows to print (default 20).")
    int rows = 20;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) throw new UserError("no such run directory: " + dir);
        SearchRun run = SearchRun.resume(dir);
        SearchSettings s = run.settings();
        SearchState st = run.state();
        PrintWriter w = spec.commandLine().getOut();
        w.println(s.toText());
        w.println("status: " + run.status() + ", " + st.nextIteration + " of " + s.iterations()
                + " iterations, " + SearchState.formatNumber(st.elapsedSeconds) + " s (" + SearchState.formatNumber(st.nextIteration / Math.max(1e-9, st.elapsedSeconds)) + " it/s)");
        w.println(SearchReport.thin(SearchReport.curve(st.curve), Math.max(2, rows)).printAll());
        w.println(SearchReport.verdicts(st).printAll());
        Member best = st.best();
        if (best == null) {
            w.println("no candidate scored yet");
        } else {
            if (rescoring.top < 1) throw new UserError("--top must be at least 1, got " + rescoring.top);
            w.println("best score " + SearchState.formatNumber(best.score()) + " at iteration " + best.iteration());
            w.print(rescoring.rescore().apply(run).report());
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
