package dev.zennas.cli;

import dev.zennas.latency.Clock;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zen latency report}: the predictor's error against measurement on released and random networks. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Predicted vs measured latency on the 15 released nets and seeded random structures of both search spaces: MAPE, max error, CSV and a scatter plot.")
public final class LatencyReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.LatencyMeasurement measure;

    @Mixin
    SharedOptions.LatencyTableDir tables;

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

    @Option(names = "--out", paramLabel = "DIR", description = "Write latency-error.csv and latency-error.png here.")
    Path out;

    @Override
    public Integer call() {
        MemoryLayout l = measure.layout();
        int t = measure.threads();
        if (random < 0) throw new UserError("--random must be >= 0");
        PrintWriter w = spec.commandLine().getOut();
        PredictionReport r;
        try {
            Clock c = measure.clock(t);
            LatencyPredictor p = LatencyPredictor.load(tables.dir(), t, l,
                    measure.batch, c);
            MeasurementProtocol base = MeasurementProtocol.builder().threads(t).batch(measure.batch).layout(l).warmup(3)
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
