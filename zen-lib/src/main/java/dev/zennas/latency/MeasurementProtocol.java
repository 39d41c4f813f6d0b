package dev.zennas.latency;

import com.google.gson.JsonObject;

/**
 * How a latency is measured, recorded beside every number it produces.
 *
 * <p>The network is always the deployed one (residual links and projections, SE when {@code se}), in eval mode
 * (BN with running statistics), without autograd, in FP32 on this CPU. Each timed run is one forward of a batch of
 * {@code batch} images at {@code resolution}; the result reports the median and the 90th percentile of the timed runs
 * after dropping outliers. The official code times a single FP16 forward at batch 64 after three warm-ups without
 * synchronising the GPU, which can under-report; here every run is timed and the spread is part of the result.
 *
 * <pre>{@code
 * var p = MeasurementProtocol.builder().batch(1).resolution(224).runs(30).build();
 * }</pre>
 *
 * @param device     the CPU model name
 * @param threads    libtorch intra-op threads used for the forwards
 * @param precision  always {@code FP32}
 * @param batch      images per forward
 * @param resolution input side length
 * @param numClasses outputs of the classifier head
 * @param se         squeeze-and-excitation in the residual branches (the deployed FLOPs nets)
 * @param layout     input memory layout (AUTO measures both and keeps the faster)
 * @param warmup     untimed forwards first
 * @param runs       timed forwards (at least {@link #MIN_RUNS})
 * @param versions   engine and library versions ({@link Device#versions()})
 * @param clock      wall time, or the measuring thread's CPU time (one thread only; robust on a shared machine)
 */
public record MeasurementProtocol(String device, int threads, String precision, int batch, int resolution,
                                  int numClasses, boolean se, MemoryLayout layout, int warmup, int runs,
                                  String versions, Clock clock) {

    /** Fewest timed runs: a p90 needs several runs above the median to mean anything. */
    public static final int MIN_RUNS = 5;
    /** The only precision measured. */
    public static final String FP32 = "FP32";
    /** The statistics every result reports. */
    public static final String STATISTIC = "median and p90 of the timed runs, outliers above median + 3*1.4826*MAD dropped";

    public MeasurementProtocol {
        if (device == null || device.isBlank()) throw new IllegalArgumentException("the protocol needs a device name");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (!FP32.equals(precision)) throw new IllegalArgumentException("only FP32 is measured, got " + precision);
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        if (resolution < 1) throw new IllegalArgumentException("resolution must be positive, got " + resolution);
        if (numClasses < 1) throw new IllegalArgumentException("number of classes must be positive, got " + numClasses);
        if (layout == null) throw new IllegalArgumentException("the protocol needs a memory layout");
        if (warmup < 0) throw new IllegalArgumentException("warm-up runs must be >= 0, got " + warmup);
        if (runs < MIN_RUNS) {
            throw new IllegalArgumentException("at least " + MIN_RUNS + " timed runs are needed for a median and a p90"
                    + " (got " + runs + "); one run says nothing about the noise");
        }
        if (versions == null || versions.isBlank()) throw new IllegalArgumentException("the protocol needs versions");
        if (clock == null) clock = Clock.WALL;
        clock.checkThreads(threads);
    }

    /** A builder preset for this machine: its CPU, the engine's current thread count and versions. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.device = device;
        b.threads = threads;
        b.batch = batch;
        b.resolution = resolution;
        b.numClasses = numClasses;
        b.se = se;
        b.layout = layout;
        b.warmup = warmup;
        b.runs = runs;
        b.versions = versions;
        b.clock = clock;
        return b;
    }

    /** "AMD EPYC ... / 2 threads": the device as a result names it. */
    public String deviceWithThreads() {
        return device + " / " + threads + " thread" + (threads == 1 ? "" : "s");
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("device", device);
        o.addProperty("threads", threads);
        o.addProperty("precision", precision);
        o.addProperty("batch", batch);
        o.addProperty("resolution", resolution);
        o.addProperty("classes", numClasses);
        o.addProperty("se", se);
        o.addProperty("layout", layout.id());
        o.addProperty("warmup", warmup);
        o.addProperty("runs", runs);
        o.addProperty("statistic", STATISTIC);
        o.addProperty("network", "deployed (residual links" + (se ? ", SE" : "") + "), eval-mode BN, no grad");
        o.addProperty("versions", versions);
        o.addProperty("clock", clock.id());
        return o;
    }

    /** Fluent builder; unset device, threads and versions are read from this machine at {@link #build()}. */
    public static final class Builder {
        private String device;
        private Integer threads;
        private int batch = 1;
        private int resolution = 224;
        private int numClasses = 1000;
        private boolean se;
        private MemoryLayout layout = MemoryLayout.CHANNELS_LAST;
        private int warmup = 5;
        private int runs = 30;
        private String versions;
        private Clock clock = Clock.WALL;

        private Builder() {}

        public Builder device(String v) { device = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder resolution(int v) { resolution = v; return this; }
        public Builder numClasses(int v) { numClasses = v; return this; }
        public Builder se(boolean v) { se = v; return this; }
        public Builder layout(MemoryLayout v) { layout = v; return this; }
        public Builder warmup(int v) { warmup = v; return this; }
        public Builder runs(int v) { runs = v; return this; }
        public Builder versions(String v) { versions = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }

        public MeasurementProtocol build() {
            return new MeasurementProtocol(device != null ? device : Device.cpuModel(),
                    threads != null ? threads : Device.engineThreads(), FP32, batch, resolution, numClasses, se,
                    layout, warmup, runs, versions != null ? versions : Device.versions(), clock);
        }
    }
}
