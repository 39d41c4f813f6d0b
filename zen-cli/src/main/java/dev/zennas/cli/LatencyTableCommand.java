package dev.zennas.cli;

import dev.zennas.latency.LatencyException;
import dev.zennas.latency.LatencyTable;
import dev.zennas.latency.MemoryLayout;
import dev.zennas.latency.TableBuilder;
import dev.zennas.latency.TableHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zen latency table build}: measures this machine's per-operation latency table for the predictor. */
@Command(name = "table", mixinStandardHelpOptions = true, description = "This machine's latency table (for --predict and latency budgets).",
        subcommands = {LatencyTableCommand.Build.class, LatencyTableCommand.Calibrate.class})
public final class LatencyTableCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Times every operation of a width grid at the sides of 224 and 32 px inputs, then fits the overhead on random networks of both search spaces (a few minutes).")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SharedOptions.LatencyMeasurement measure;

        @Mixin
        SharedOptions.LatencyTableDir tables;

        @Option(names = "--resolutions", paramLabel = "R,R", split = ",", defaultValue = "224,32",
                description = "Input resolutions whose sides are measured (default: ${DEFAULT-VALUE}).")
        List<Integer> resolutions;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "7", description = "Timed calls per operation (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--calibration", paramLabel = "N", defaultValue = "6",
                description = "Random networks per search space for the overhead fit (default: ${DEFAULT-VALUE}).")
        int calibration;

        @Option(names = "--coarse", description = "Every other grid width only: about a quarter of the time, less accurate.")
        boolean coarse;

        @Override
        public Integer call() {
            MemoryLayout l = measure.layout();
            if (l == MemoryLayout.AUTO) throw new UserError("a table is measured in one layout: nchw or channels-last");
            if (measure.batch < 1) throw new UserError("--batch must be at least 1");
            int t = measure.threads();
            if (t < 1) throw new UserError("--threads must be at least 1");
            TableBuilder b;
            TableHeader h;
            try {
                h = TableHeader.here(t, l, measure.batch, measure.clock(t));
                b = TableBuilder.builder().header(h).resolutions(resolutions).runs(runs).calibration(calibration).coarse(coarse).build();
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("zen latency table build: %d operations for %s%n", b.grid().size(), h.describe());
            out.flush();
            long t0 = System.nanoTime();
            LatencyTable table;
            try {
                table = b.run(new PrintWriter(System.err, true));
            } catch (LatencyException e) {
                throw new UserError(e.getMessage(), e);
            }
            Path file = h.file(tables.dir());
            try {
                table.write(file);
            } catch (IOException e) {
                throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
            }
            out.printf("wrote %s: %d entries, network = %.3f ms + %.3f x sum of operations + %.4f ms per operation"
                            + " (calibration MAPE %.1f%% on %d networks), %.0f s%n", file, table.size(), table.intercept(),
                    table.slope(), table.msPerOp(),
                    table.calibration().get("mape_pct").getAsDouble(), table.calibration().get("networks").getAsInt(),
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = "Refit the overhead of this machine's table on fresh random networks, keeping its operation times (a minute or so).")
    static final class Calibrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SharedOptions.LatencyMeasurement measure;

        @Mixin
        SharedOptions.LatencyTableDir tables;

        @Option(names = "--calibration", paramLabel = "N", defaultValue = "6", description = "Random networks per search space (default: ${DEFAULT-VALUE}).")
        int calibration;

        @Override
        public Integer call() {
            int t = measure.threads();
            PrintWriter out = spec.commandLine().getOut();
            try {
                TableHeader h = TableHeader.here(t, measure.layout(), measure.batch, measure.clock(t));
                Path file = h.file(tables.dir());
                LatencyTable table = LatencyTable.load(file, h);
                TableBuilder b = TableBuilder.builder().header(h).calibration(calibration).build();
                b.recalibrate(table, new PrintWriter(System.err, true));
                table.write(file);
                out.printf("wrote %s: network = %.3f ms + %.3f x sum of operations + %.4f ms per operation (calibration MAPE %.1f%% on %d networks)%n",
                        file, table.intercept(), table.slope(), table.msPerOp(), table.calibration().get("mape_pct").getAsDouble(),
                        table.calibration().get("networks").getAsInt());
            } catch (LatencyException | IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            } catch (IOException e) {
                throw new UserError("cannot write the table: " + e.getMessage(), e);
            }
            out.flush();
            return 0;
        }
    }
}
