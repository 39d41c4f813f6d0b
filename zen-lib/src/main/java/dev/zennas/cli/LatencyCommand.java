package dev.zennas.cli;

import com.google.gson.JsonObject;
import dev.zennas.arch.ArchSource;
import dev.zennas.latency.LatencyException;
import dev.zennas.latency.LatencyMeter;
import dev.zennas.latency.LatencyPredictor;
import dev.zennas.latency.LatencyResult;
import dev.zennas.latency.MeasurementProtocol;
import dev.zennas.latency.MemoryLayout;
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
        int res = resolution != null ? resolution : r.released().isPresent() ? r.defaultResolution() : 224;
        int k = classes != null ? classes : r.released().isPresent() ? r.defaultClasses() : 1000;
        boolean withSe = se != null ? se : r.defaultSe();
        if (res % r.structure().downsampling() != 0) {
            throw new UserError("--resolution " + res + " is not divisible by the structure's down-sampling factor "
                    + r.structure().downsampling());
        }
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
        if (predict) return predict(r, p);
        long limit = memoryGib == null ? LatencyMeter.defaultMemoryLimit() : (long) (memoryGib * (1L << 30));
        LatencyResult result;
        try {
            result = LatencyMeter.measure(r.structure(), r.label(), p, limit);
        } catch (LatencyException e) {
            throw new UserError(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(Json.print(result.toJson()));
        } else {
            out.println(summary(result));
        }
        out.flush();
        return 0;
    }

    private int predict(ArchSource.Resolved r, MeasurementProtocol p) {
        MemoryLayout layout = p.layout() == MemoryLayout.AUTO ? MemoryLayout.CHANNELS_LAST : p.layout();
        LatencyPredictor predictor;
        long t0 = System.nanoTime();
        double ms;
        try {
            predictor = LatencyPredictor.load(tables.dir(), p.threads(), layout, p.batch(), p.clock());
            ms = predictor.predictMs(r.structure(), p.resolution(), p.numClasses(), p.se());
        } catch (LatencyException e) {
            throw new UserError(e.getMessage(), e);
        }
        // the first call pays for class loading; a search calls it thousands of times, so report a warm call
        double[] warm = new double[101];
        for (int i = 0; i < warm.length; i++) {
            t0 = System.nanoTime();
            predictor.predictMs(r.structure(), p.resolution(), p.numClasses(), p.se());
            warm[i] = (System.nanoTime() - t0) / 1e3;
        }
        double us = dev.zennas.latency.RunStatistics.quantile(warm, 0.5);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            JsonObject o = new JsonObject();
            o.addProperty("arch", r.label());
            o.addProperty("structure", r.structure().toString());
            o.addProperty("predicted_ms", Math.round(ms * 1e4) / 1e4);
            o.addProperty("per_image_ms", Math.round(ms / p.batch() * 1e4) / 1e4);
            o.addProperty("batch", p.batch());
            o.addProperty("resolution", p.resolution());
            o.addProperty("classes", p.numClasses());
            o.addProperty("se", p.se());
            o.addProperty("threads", p.threads());
            o.addProperty("device", p.device());
            o.addProperty("layout", layout.id());
            o.addProperty("clock", p.clock().id());
            o.addProperty("prediction_us", Math.round(us * 10) / 10.0);
            o.addProperty("table", predictor.table().header().fileName());
            predictor.breakdown(r.structure(), p.resolution(), p.numClasses(), p.se()).entrySet()
                    .forEach(e -> o.add(e.getKey(), e.getValue()));
            out.println(Json.print(o));
        } else {
            out.printf("%s: predicted %.3f ms (batch %d, resolution %d, %s, %s; table %s; %.0f µs)%n", r.label(), ms,
                    p.batch(), p.resolution(), p.deviceWithThreads(), layout.id(),
                    predictor.table().header().fileName(), us);
        }
        out.flush();
        return 0;
    }

    static String summary(LatencyResult r) {
        MeasurementProtocol p = r.protocol();
        StringBuilder sb = new StringBuilder(String.format(
                "%s: median %.3f ms, p90 %.3f ms (noise p90/median %.2f), %.3f ms per image; batch %d, resolution %d,"
                        + " %s, %s; %d runs kept, %d outlier%s dropped",
                r.arch(), r.medianMs(), r.p90Ms(), r.noise(), r.perImageMs(), p.batch(), p.resolution(),
                p.deviceWithThreads(), r.layout().id(), r.stats().kept().length, r.stats().dropped(),
                r.stats().dropped() == 1 ? "" : "s"));
        r.otherLayoutMs().ifPresent(o -> sb.append(String.format("; %s is faster (the other layout: median %.3f ms)",
                r.layout().id(), o)));
        return sb.toString();
    }
}
