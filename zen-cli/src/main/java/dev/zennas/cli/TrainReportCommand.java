package dev.zennas.cli;

import dev.zennas.train.TrainReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zen train report DIR}: the per-epoch table and the curves of a run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Per-epoch table (loss, lr, test top-1, speed) and curves of a training run; writes report.html and PNGs into DIR.")
final class TrainReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A training run directory.")
    Path dir;

    @Option(names = "--no-png", description = "Skip the PNG plots (they need Chromium).")
    boolean noPng;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainReport.Written w = TrainReport.write(dir, !noPng);
        out.println(w.table());
        out.println("wrote " + w.html() + (w.pngs().isEmpty() ? "" : " and " + w.pngs()));
        out.flush();
        return 0;
    }
}
