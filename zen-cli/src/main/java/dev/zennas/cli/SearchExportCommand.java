package dev.zennas.cli;

import dev.zennas.reproduce.StoredResults;
import dev.zennas.search.SearchReport;
import dev.zennas.search.SearchRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zen search export RUN_DIR}: a run's stored result for the reproduction report (see {@link StoredResults}). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a search run's summary.json (best structure re-scored, params and FLOPs under both rules,"
                + " wall time, settings, ledger, the released net of the same budget) and curve.csv,",
                "by default into docs/results/searches/PRESET of the workbench."})
final class SearchExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Search run directory.")
    Path dir;

    @Option(names = "--to", paramLabel = "DIR", description = "Target folder (default: docs/results/searches/PRESET).")
    Path to;

    @picocli.CommandLine.Mixin
    SharedOptions.Rescoring rescoring;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) throw new UserError("no such run directory: " + dir);
        String preset = SearchRun.resume(dir).settings().preset();
        Path target = to != null ? to : StoredResults.searchDir(StoredResults.defaultRoot(WorkbenchPaths.root()), preset);
        List<Path> written = StoredResults.exportSearch(dir, target, rescoring.rescore());
        PrintWriter w = spec.commandLine().getOut();
        for (Path p : written) w.println("wrote " + p);
        w.flush();
        return 0;
    }
}
