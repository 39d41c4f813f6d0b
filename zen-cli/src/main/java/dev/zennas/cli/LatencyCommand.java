package dev.zennas.cli;

import dev.zennas.arch.ArchSource;
import dev.zennas.latency.LatencyException;
import dev.zennas.latency.LatencyMeter;
import dev.zennas.latency.LatencyPrediction;
import dev.zennas.latency.LatencyResult;
import dev.zennas.latency.MeasurementProtocol;
import dev.zennas.util.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zen latency ARCH}: the measured (or predicted) inference latency of a structure string, released net or
 * {@code @file}, as the deployed network in eval mode on this CPU.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"Inference latency of an architecture on this CPU: the deployed network (residual links; SE for the"
                + " released SE nets), eval mode, FP32, median and p90 of timed runs; --predict reads this machine's latency table."},
        subcommands = {LatencyTableCommand.class, LatencyReportCommand.class, LatencyReleasedCommand.class,
                LatencyStudyCommand.class})
public final class LatencyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.LatencyMeasurement measure;

    @Mixin
    SharedOptions.LatencyTableDir tables;

    @Mixin
    SharedOptions.JsonOutput output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ARCH", description = "A structure string, a released net name, or @FILE.")
    String arch;

    @Option(names = "--resolution", paramLabel = "R", description = "Input resolution (default: the released net's, else 224).")
    Integer resolution;

    @Option(names = "--classes", paramLabel = "K", description = "Classes of the head (default: the released net's, else 1000).")
    Integer classes;

    @Option(names = "--se", negatable = true, description = "SE in the residual branches (default: as released; plain structures without).")
    Boolean se;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "30",
            description = "Timed runs, at least " + MeasurementProtocol.MIN_RUNS + " (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "5", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--memory-limit-gib", paramLabel = "GIB",
            description = "Refuse networks whose estimated memory exceeds this (default: half the machine's memory; 0 = none).")
    Double memoryGib;

    @Option(names = "--predict", description = "Predict from this machine's latency table instead of measuring (see 'zen latency table build').")
    boolean predict;

    @Override
    public Integer call() {
        if (arch == null) throw new UserError("missing ARCH: a structure string, a released net name or @FILE (see 'zen latency --help')");
        ArchSource.Resolved r = ArchSource.resolve(arch);
        int res = r.checkedResolution(resolution != null ? resolution
                : r.released().isPresent() ? r.defaultResolution() : 224);
        int k = classes != null ? classes : r.released().isPresent() ? r.defaultClasses() : 1000;
        boolean withSe = se != null ? se : r.defaultSe();
        if (measure.threads != null && (measure.threads < 1 || measure.threads > 4 * Runtime.getRuntime().availableProcessors())) {
            throw new UserError("--threads must be between 1 and " + 4 * Runtime.getRuntime().availableProcessors()
                    + ", got " + measure.threads);
        }
        if (memoryGib != null && !(memoryGib >= 0)) throw new UserError("--memory-limit-gib must be >= 0");
        MeasurementProtocol p;
        try {
            MeasurementProtocol.Builder b = MeasurementProtocol.builder().batch(measure.batch).resolution(res).numClasses(k)
                    .se(withSe).layout(measure.layout()).warmup(warmup).runs(runs);
            int t = measure.threads();
            b.threads(t).clock(measure.clock(t));
            p = b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (predict) {
                LatencyPrediction prediction = LatencyPrediction.predict(tables.dir(), r.structure(), r.label(), p);
                out.println(output.json ? Json.print(prediction.toJson()) : prediction.summary());
            } else {
                long limit = memoryGib == null ? LatencyMeter.defaultMemoryLimit() : (long) (memoryGib * (1L << 30));
                LatencyResult result = LatencyMeter.measure(r.structure(), r.label(), p, limit);
                out.println(output.json ? Json.print(result.toJson()) : result.summary());
            }
        } catch (LatencyException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.flush();
        return 0;
    }
}
