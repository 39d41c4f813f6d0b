package dev.zennas.cli;

import dev.zennas.latency.Clock;
import dev.zennas.latency.Device;
import dev.zennas.latency.LatencyException;
import dev.zennas.latency.LatencyPredictor;
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

        @Option(names = "--threads", paramLabel = "T", description = "Intra-op threads (default: the engine's, set by ZEN_THREADS).")
        Integer threads;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "Batch (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--layout", paramLabel = "L", defaultValue = "channels-last", description = "nchw or channels-last (default: ${DEFAULT-VALUE}).")
        String layout;

        @Option(names = "--resolutions", paramLabel = "R,R", split = ",", defaultValue = "224,32",
                description = "Input resolutions whose sides are measured (default: ${DEFAULT-VALUE}).")
        List<Integer> resolutions;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "7", description = "Timed calls per operation (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--calibration", paramLabel = "N", defaultValue = "6",
                description = "Random networks per search space for the overhead fit (default: ${DEFAULT-VALUE}).")
        int calibration;

        @Option(names = "--clock", paramLabel = "C",
            description = "wall, or cpu (the measuring thread's CPU time: not inflated by other processes; 1 thread only). Default: cpu with 1 thread, wall otherwise.")
        String clock;

        @Option(names = "--coarse", description = "Every other grid width only: about a quarter of the time, less accurate.")
        boolean coarse;

        @Option(names = "--table-dir", paramLabel = "DIR", description = "Where to write (default .zen-cache/latency).")
        Path dir;

        @Override
        public Integer call() {
            MemoryLayout l = MemoryLayout.parse(layout);
            if (l == MemoryLayout.AUTO) throw new UserError("a table is measured in one layout: nchw or channels-last");
            if (batch < 1) throw new UserError("--batch must be at least 1");
            int t = threads != null ? threads : Device.engineThreads();
            if (t < 1) throw new UserError("--threads must be at least 1");
            TableBuilder b;
            TableHeader h;
            try {
                h = TableHeader.here(t, l, batch, clock != null ? Clock.parse(clock) : Clock.defaultFor(t));
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
            Path file = h.file(dir != null ? dir : LatencyPredictor.DEFAULT_DIR);
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

        @Option(names = "--threads", paramLabel = "T", description = "Intra-op threads (default: the engine's).")
        Integer threads;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "Batch (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--layout", paramLabel = "L", defaultValue = "channels-last", description = "Layout (default: ${DEFAULT-VALUE}).")
        String layout;

        @Option(names = "--clock", paramLabel = "C", description = "wall or cpu (default: cpu with 1 thread, wall otherwise).")
        String clock;

        @Option(names = "--calibration", paramLabel = "N", defaultValue = "6", description = "Random networks per search space (default: ${DEFAULT-VALUE}).")
        int calibration;

        @Option(names = "--table-dir", paramLabel = "DIR", description = "Table directory (default .zen-cache/latency).")
        Path dir;

        @Override
        public Integer call() {
            int t = threads != null ? threads : Device.engineThreads();
            PrintWriter out = spec.commandLine().getOut();
            try {
                TableHeader h = TableHeader.here(t, MemoryLayout.parse(layout), batch, clock != null ? Clock.parse(clock) : Clock.defaultFor(t));
                Path file = h.file(dir != null ? dir : LatencyPredictor.DEFAULT_DIR);
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
