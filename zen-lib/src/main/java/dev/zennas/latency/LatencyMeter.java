package dev.zennas.latency;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.arch.Structure;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Measures a structure's latency following a {@link MeasurementProtocol}: the deployed network in eval mode through
 * the direct forward, autograd off on the measuring thread, the protocol's intra-op thread count set on this thread
 * (libtorch keeps it per OpenMP thread, so the forwards below really use it) and restored afterwards.
 *
 * <pre>{@code
 * LatencyResult r = LatencyMeter.measure(ReleasedNets.get("zennet_imagenet1k_latency01ms_res224").structure(),
 *         "latency01ms", MeasurementProtocol.builder().runs(20).build());
 * }</pre>
 */
public final class LatencyMeter {
    /** Default memory limit: half the machine's memory (the rest for the JVM, the OS and other users). */
    public static final double DEFAULT_MEMORY_FRACTION = 0.5;

    private LatencyMeter() {}

    /** Measures with the default memory limit. */
    public static LatencyResult measure(Structure s, String label, MeasurementProtocol p) {
        return measure(s, label, p, defaultMemoryLimit());
    }

    /**
     * Measures {@code s}; refuses (with a {@link LatencyException} that suggests a smaller batch) when the estimated
     * memory exceeds {@code memoryLimitBytes} (0 = no limit) or when libtorch cannot allocate.
     */
    public static LatencyResult measure(Structure s, String label, MeasurementProtocol p, long memoryLimitBytes) {
        long need = MemoryEstimate.bytes(s, p.resolution(), p.batch(), p.numClasses(), p.se());
        checkMemory(need, memoryLimitBytes, p.batch());
        return onThreads(p.threads(), () -> {
            try (NDManager m = NDManager.newBaseManager()) {
                InferenceNet net = new InferenceNet(s, p.resolution(), p.numClasses(), p.se(), m);
                if (p.layout() == MemoryLayout.AUTO) {
                    RunStatistics[] both = timeInterleaved(net, m, p, MemoryLayout.NCHW, MemoryLayout.CHANNELS_LAST);
                    boolean nchwFaster = both[0].median() < both[1].median();
                    return new LatencyResult(p, label, s.toString(),
                            nchwFaster ? MemoryLayout.NCHW : MemoryLayout.CHANNELS_LAST, nchwFaster ? both[0] : both[1],
                            OptionalDouble.of(nchwFaster ? both[1].median() : both[0].median()), need);
                }
                RunStatistics st = timeInterleaved(net, m, p, p.layout())[0];
                return new LatencyResult(p, label, s.toString(), p.layout(), st, OptionalDouble.empty(), need);
            } catch (EngineException e) {
                throw outOfMemory(e, p.batch());
            }
        });
    }

    /**
     * Runs {@code body} with autograd off and {@code threads} intra-op threads on this thread, restoring both after.
     *
     * @throws LatencyException when libtorch does not take the thread count
     */
    public static <T> T onThreads(int threads, Supplier<T> body) {
        int before = Device.engineThreads();
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            if (threads != before) JniUtils.setNumThreads(threads);
            int now = JniUtils.getNumThreads();
            if (now != threads) {
                throw new LatencyException("asked for " + threads + " intra-op threads but libtorch runs " + now
                        + "; start the JVM with ZEN_THREADS=" + threads + " (-Dai.djl.pytorch.num_threads="
                        + threads + ")");
            }
            return body.get();
        } finally {
            if (JniUtils.getNumThreads() != before) JniUtils.setNumThreads(before);
            JniUtils.setGradMode(grad);
        }
    }

    /** Half the machine's memory, or no limit when the JVM cannot tell. */
    public static long defaultMemoryLimit() {
        return Device.physicalMemory().map(b -> (long) (b * DEFAULT_MEMORY_FRACTION)).orElse(0L);
    }

    static void checkMemory(long need, long limit, int batch) {
        if (limit > 0 && need > limit) {
            int fits = (int) Math.max(0, Math.min(batch - 1, (long) ((double) limit / need * batch)));
            throw new LatencyException(String.format("the network needs about %.1f GiB at batch %d (limit %.1f GiB);"
                            + " use a smaller batch%s", need / (double) (1L << 30), batch, limit / (double) (1L << 30),
                    fits >= 1 ? " (about " + fits + " fits)" : " or a lower resolution"));
        }
    }

    private static LatencyException outOfMemory(EngineException e, int batch) {
        String msg = String.valueOf(e.getMessage());
        if (msg.toLowerCase(java.util.Locale.ROOT).contains("alloc") || msg.contains("memory")) {
            return new LatencyException("libtorch ran out of memory at batch " + batch + "; use a smaller batch", e);
        }
        return new LatencyException("libtorch failed: " + msg.lines().findFirst().orElse(msg), e);
    }

    /**
     * Warm-up then timed runs of each layout, interleaved run by run so that machine noise hits all alike. Each run
     * is one forward of a fresh batch-sized input kept from the start (the input is not part of the time).
     */
    static RunStatistics[] timeInterleaved(InferenceNet net, NDManager m, MeasurementProtocol p, MemoryLayout... layouts) {
        NDArray[] inputs = new NDArray[layouts.length];
        for (int i = 0; i < layouts.length; i++) inputs[i] = net.input(m, p.batch(), layouts[i]);
        for (int w = 0; w < p.warmup(); w++) {
            for (int i = 0; i < layouts.length; i++) once(net, m, inputs[i], layouts[i], p.clock());
        }
        double[][] times = new double[layouts.length][p.runs()];
        for (int r = 0; r < p.runs(); r++) {
            for (int i = 0; i < layouts.length; i++) times[i][r] = once(net, m, inputs[i], layouts[i], p.clock());
        }
        RunStatistics[] out = new RunStatistics[layouts.length];
        for (int i = 0; i < layouts.length; i++) out[i] = RunStatistics.of(times[i]);
        return out;
    }

    /** One forward in ms; any array the forward leaves behind is freed with a per-run sub-manager. */
    private static double once(InferenceNet net, NDManager m, NDArray x, MemoryLayout layout, Clock clock) {
        try (NDManager run = m.newSubManager()) {
            x.tempAttach(run);
            long t0 = clock.nanos();
            NDArray y = net.forward(x, layout);
            long t1 = clock.nanos();
            y.close();
            return (t1 - t0) / 1e6;
        }
    }
}
