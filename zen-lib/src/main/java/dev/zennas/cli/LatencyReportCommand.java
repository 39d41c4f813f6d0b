package dev.zennas.cli;

import dev.zennas.latency.Clock;
import dev.zennas.latency.Device;
import dev.zennas.latency.LatencyException;
import dev.zennas.latency.LatencyPredictor;
import dev.zennas.latency.MeasurementProtocol;
import dev.zennas.latency.MemoryLayout;
import dev.zennas.latency.PredictionReport;
import dev.zennas.notebook.Show;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zen latency report}: the predictor's error against measurement on released and random networks. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Predicted vs measured latency on the 15 released nets and seeded random structures of both search spaces: MAPE, max error, CSV and a scatter plot.")
public final class LatencyReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "T", description = "Intra-op threads (default: the engine's).")
    Integer threads;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "Batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--layout", paramLabel = "L", defaultValue = "channels-last", description = "Layout of the table (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--random", paramLabel = "N", defaultValue = "10", description = "Random structures per search space (default: ${DEFAULT-VALUE}).")
    int random;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "Seed of the random structures (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-released", description = "Leave out the 15 released nets.")
    boolean noReleased;

    @Option(names = "--spaces", paramLabel = "S,S", split = ",", defaultValue = "XXBL,IDW",
            description = "Search spaces of the random structures: XXBL, IDW (ImageNet, 224 px), CIFAR (XXBL at 32 px) (default: ${DEFAULT-VALUE}).")
    java.util.List<String> spaces;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Timed runs per network (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--clock", paramLabel = "C",
            description = "wall, or cpu (the measuring thread's CPU time: not inflated by other processes; 1 thread only). Default: cpu with 1 thread, wall otherwise.")
    String clock;

    @Option(names = "--out", paramLabel = "DIR", description = "Write latency-error.csv and latency-error.png here.")
    Path out;

    @Option(names = "--table-dir", paramLabel = "DIR", description = "Latency table directory (default .zen-cache/latency).")
    Path tableDir;

    @Override
    public Integer call() {
        MemoryLayout l = MemoryLayout.parse(layout);
        int t = threads != null ? threads : Device.engineThreads();
        if (random < 0) throw new UserError("--random must be >= 0");
        PrintWriter w = spec.commandLine().getOut();
        PredictionReport r;
        try {
            Clock c = clock != null ? Clock.parse(clock) : Clock.defaultFor(t);
            LatencyPredictor p = LatencyPredictor.load(tableDir != null ? tableDir : LatencyPredictor.DEFAULT_DIR, t, l,
                    batch, c);
            MeasurementProtocol base = MeasurementProtocol.builder().threads(t).batch(batch).layout(l).warmup(3)
                    .runs(runs).clock(c).build();
            r = PredictionReport.run(p, base, net -> !noReleased, spaces, random, seed, new PrintWriter(System.err, true));
        } catch (LatencyException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        w.println(r.rows().copy().removeColumns("structure").printAll());
        w.println(r.summary().printAll());
        if (out != null) {
            try {
                Files.createDirectories(out);
                r.rows().write().csv(out.resolve("latency-error.csv").toString());
                String png;
                try {
                    Files.write(out.resolve("latency-error.png"), Show.png(r.scatter()));
                    png = " and latency-error.png";
                } catch (RuntimeException e) {
                    png = " (no PNG: " + Main.oneLine(e.getMessage()) + ")";
                }
                w.println("wrote " + out.resolve("latency-error.csv") + png);
            } catch (IOException e) {
                throw new UserError("cannot write to " + out + ": " + e.getMessage(), e);
            }
        }
        w.flush();
        return 0;
    }
}
