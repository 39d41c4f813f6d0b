package dev.zennas.cli;

import dev.zennas.search.SearchReport;
import dev.zennas.search.SearchRun;
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

/** {@code zen search compare DIR...}: best score by wall time across runs (e.g. official vs fast mode). */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Best score by wall time across run directories; writes compare.html into the first.")
final class SearchCompareCommand implements Callable<Integer> {
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
