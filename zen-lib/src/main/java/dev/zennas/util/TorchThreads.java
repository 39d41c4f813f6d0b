package dev.zennas.util;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count for work started from the calling command. The launcher fixes a default when
 * the engine loads (one thread, for workers that score in parallel); single-network work such as training asks for
 * all cores here.
 */
public final class TorchThreads {

    private TorchThreads() {
    }

    /** Loads the engine if needed, then sets its intra-op threads; returns the previous count. */
    public static int set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Engine.getEngine("PyTorch");
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        return before;
    }

    /**
     * Sets the intra-op threads a command asked for ({@code requested}, or every core when null) and returns the
     * count set; a count below 1 is refused.
     */
    public static int setRequested(Integer requested) {
        int threads = requested != null ? requested : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        set(threads);
        return threads;
    }

    /** The current intra-op thread count (loads the engine). */
    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
