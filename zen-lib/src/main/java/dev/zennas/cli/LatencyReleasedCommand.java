package dev.zennas.cli;

import dev.zennas.latency.AccuracyLatency;
import dev.zennas.latency.Clock;
import dev.zennas.latency.Device;
import dev.zennas.latency.LatencyException;
import dev.zennas.latency.MeasurementProtocol;
import dev.zennas.latency.MemoryLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "Batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", paramLabel = "T", description = "Intra-op threads (default: the engine's).")
    Integer threads;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--layout", paramLabel = "L", defaultValue = "channels-last", description = "nchw, channels-last or auto (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--clock", paramLabel = "C", description = "wall or cpu (default: cpu with 1 thread, wall otherwise).")
    String clock;

    @Option(names = "--imagenet-only", description = "Only the 9 ImageNet nets.")
    boolean imagenetOnly;

    @Option(names = "--baselines", description = "Also measure ResNet-18/34/50 and MobileNetV2-1.0 look-alikes written in the grammar (see AccuracyLatency.BASELINES).")
    boolean baselines;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Device.engineThreads();
        Table table;
        try {
            MeasurementProtocol p = MeasurementProtocol.builder().threads(t).batch(batch).runs(runs).warmup(3)
                    .layout(MemoryLayout.parse(layout)).clock(clock != null ? Clock.parse(clock) : Clock.defaultFor(t)).build();
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
