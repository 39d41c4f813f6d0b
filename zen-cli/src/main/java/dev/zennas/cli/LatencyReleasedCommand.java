package dev.zennas.cli;

import dev.zennas.latency.AccuracyLatency;
import dev.zennas.latency.LatencyException;
import dev.zennas.latency.MeasurementProtocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code zen latency released}: every released net measured here, with the rank agreement to the paper's V100. */
@Command(name = "released", mixinStandardHelpOptions = true,
        description = "Measure the 15 released ZenNets here (deployed, SE as released) beside their paper top-1 and V100 latency; Spearman rho to the V100 ranks.")
public final class LatencyReleasedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.LatencyMeasurement measure;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--imagenet-only", description = "Only the 9 ImageNet nets.")
    boolean imagenetOnly;

    @Option(names = "--baselines", description = "Also measure ResNet-18/34/50 and MobileNetV2-1.0 look-alikes written in the grammar (see AccuracyLatency.BASELINES).")
    boolean baselines;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;

    @Override
    public Integer call() {
        int t = measure.threads();
        Table table;
        try {
            MeasurementProtocol p = MeasurementProtocol.builder().threads(t).batch(measure.batch).runs(runs).warmup(3)
                    .layout(measure.layout()).clock(measure.clock(t)).build();
            table = AccuracyLatency.measureReleased(p, imagenetOnly, new PrintWriter(System.err, true));
            if (baselines) table.append(AccuracyLatency.measureBaselines(p, new PrintWriter(System.err, true)));
        } catch (LatencyException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(table.printAll());
        out.printf("Spearman rho between the paper's V100 latency and ours (%d nets with a V100 figure): %.3f%n",
                table.doubleColumn("latency_v100_ms").isNotMissing().size(), AccuracyLatency.spearmanV100(table));
        if (csv != null) {
            try {
                if (csv.toAbsolutePath().getParent() != null) Files.createDirectories(csv.toAbsolutePath().getParent());
                table.write().csv(csv.toString());
            } catch (IOException e) {
                throw new UserError("cannot write " + csv + ": " + e.getMessage(), e);
            }
        }
        out.flush();
        return 0;
    }
}
