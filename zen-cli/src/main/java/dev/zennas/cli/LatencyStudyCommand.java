package dev.zennas.cli;

import dev.zennas.latency.LatencyException;
import dev.zennas.latency.MeasurementProtocol;
import dev.zennas.latency.TrainedLatency;
import dev.zennas.notebook.Show;
import dev.zennas.train.ZenAccuracyStudy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code zen latency study}: the trained networks of a Zen-Score-vs-accuracy study, top-1 against latency here. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Measure the trained networks of a finished `zen train study` here: trained top-1 against latency, "
                + "and the rank correlation with top-1 of Zen-Score, #params, FLOPs and latency. Writes latency.csv and "
                + "top1-vs-latency.png into the study directory.")
public final class LatencyStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.LatencyMeasurement measure;

    @Mixin
    SharedOptions.RunSeed seed;

    @Parameters(paramLabel = "STUDY_DIR", description = "A finished study directory (holds study.json).")
    Path dir;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "20", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--classes", paramLabel = "K", defaultValue = "10", description = "Classes of the trained head (default: ${DEFAULT-VALUE}).")
    int classes;

    @Override
    public Integer call() {
        Path studyJson = dir.resolve("study.json");
        if (!Files.isRegularFile(studyJson)) {
            throw new UserError(dir + " holds no study.json: finish the study first (zen train study SEARCH_DIR --out " + dir + ")");
        }
        int t = measure.threads();
        Table table;
        try {
            ZenAccuracyStudy.Result study = ZenAccuracyStudy.read(studyJson);
            MeasurementProtocol p = MeasurementProtocol.builder().threads(t).batch(measure.batch).runs(runs).warmup(3)
                    .layout(measure.layout()).clock(measure.clock(t)).build();
            table = TrainedLatency.measure(study, classes, p, new PrintWriter(System.err, true));
        } catch (LatencyException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(table.printAll());
        out.println(TrainedLatency.kendallTable(TrainedLatency.kendallWithTop1(table, seed.seed)).printAll());
        try {
            table.write().csv(dir.resolve("latency.csv").toString());
            String png = "";
            try {
                Files.write(dir.resolve("top1-vs-latency.png"), Show.png(TrainedLatency.top1VsLatency(table)));
                png = " and top1-vs-latency.png";
            } catch (RuntimeException e) {
                png = " (no PNG: " + Main.oneLine(e.getMessage()) + ")";
            }
            out.println("wrote " + dir.resolve("latency.csv") + png);
        } catch (IOException e) {
            throw new UserError("cannot write into " + dir + ": " + e.getMessage(), e);
        }
        out.flush();
        return 0;
    }
}
