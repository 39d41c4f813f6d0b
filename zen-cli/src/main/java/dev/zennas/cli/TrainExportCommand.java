package dev.zennas.cli;

import dev.zennas.reproduce.StoredResults;
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

/** {@code zen train export DIR}: a study's or a training run's stored result (see {@link StoredResults}). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a study's or a training run's stored result, by default into docs/results/training of the"
                + " workbench.", "A 'zen train study' directory gives zen-vs-accuracy.json (once finished) and its networks'"
                + " small files in zen-vs-accuracy/ (finished or not: a copy continues the study); a training run gives"
                + " LABEL.json (result so far and history)."})
final class TrainExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A study directory (with study.json) or a training run directory.")
    Path dir;

    @Option(names = "--to", paramLabel = "DIR", description = "Target folder (default: docs/results/training).")
    Path to;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) throw new UserError("no such directory: " + dir);
        Path target = to != null ? to : StoredResults.trainingDir(StoredResults.defaultRoot(WorkbenchPaths.root()));
        List<Path> written = StoredResults.exportTraining(dir, target);
        PrintWriter w = spec.commandLine().getOut();
        for (Path p : written) w.println("wrote " + p);
        w.flush();
        return 0;
    }
}
