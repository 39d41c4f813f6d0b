package dev.zennas.proxy;

import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.latency.MemoryLayout;
import java.io.Serializable;

/**
 * How scores are computed, as opposed to what is computed ({@link ProxySettings}): choices that change speed, never
 * the ranking, passed down to the proxies instead of being read from JVM-wide switches.
 *
 * @param directForward our blocks run through {@link dev.zennas.blocks.DirectForward} (raw arrays, intermediates
 *                      closed eagerly); false forces DJL's Block API, the reference path
 * @param layout        memory layout of the Zen-Score's input images: {@link MemoryLayout#CHANNELS_LAST} (default:
 *                      oneDNN runs the narrow NB201 shapes 1.5–5× faster) or {@link MemoryLayout#NCHW}; values agree
 *                      up to float summation order
 * @param passes        whether the Zen-Score's clean and perturbed passes run on two threads
 * @param threads       worker threads of a scoring pool (each scores one work unit at a time)
 */
public record ExecutionSettings(boolean directForward, MemoryLayout layout, Passes passes, int threads)
        implements Serializable {

    /** Where the Zen-Score's two forward passes run. */
    public enum Passes {
        /**
         * Concurrently when libtorch runs one intra-op thread and the machine has at least two cores (two independent
         * single-threaded passes avoid OpenMP barriers, which collapse on loaded machines), else one after the other.
         */
        AUTO,
        /** Always on two threads. */
        CONCURRENT,
        /**
         * Always on the calling thread: for pools that already keep every core busy with one score per worker, where a
         * second pass thread would only oversubscribe the cores and double the live activations. Scores agree with the
         * concurrent mode to ~1e-9, not bit for bit, so a client keeps one choice for all its runs.
         */
        SEQUENTIAL
    }

    public ExecutionSettings {
        if (layout == null || passes == null) {
            throw new IllegalArgumentException("layout and passes must not be null");
        }
        if (layout == MemoryLayout.AUTO) {
            throw new IllegalArgumentException("a proxy runs in one layout: nchw or channels-last, not auto");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** Direct forward, channels-last, passes by {@link Passes#AUTO}, one worker per core. */
    public static ExecutionSettings defaults() {
        return new ExecutionSettings(true, MemoryLayout.CHANNELS_LAST, Passes.AUTO,
                Runtime.getRuntime().availableProcessors());
    }

    public ExecutionSettings withDirectForward(boolean v) {
        return new ExecutionSettings(v, layout, passes, threads);
    }

    public ExecutionSettings withLayout(MemoryLayout v) {
        return new ExecutionSettings(directForward, v, passes, threads);
    }

    public ExecutionSettings withPasses(Passes v) {
        return new ExecutionSettings(directForward, layout, v, threads);
    }

    public ExecutionSettings withThreads(int v) {
        return new ExecutionSettings(directForward, layout, passes, v);
    }

    /** Whether the input images are stored channels-last. */
    public boolean channelsLast() {
        return layout == MemoryLayout.CHANNELS_LAST;
    }

    /** Whether the Zen-Score's two passes run concurrently on this machine, now. */
    public boolean concurrentPasses() {
        return switch (passes) {
            case CONCURRENT -> true;
            case SEQUENTIAL -> false;
            case AUTO -> Runtime.getRuntime().availableProcessors() >= 2 && JniUtils.getNumThreads() == 1;
        };
    }
}
