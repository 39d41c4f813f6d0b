package dev.zennas.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine of a JVM that runs Spark tasks. A cluster's executor JVMs do not start through the {@code zen}
 * launcher, so the settings it would pass come from here: the natives load from the pytorch-native-cpu jar with no
 * download ({@code ai.djl.offline}, unless set), and libtorch runs one intra-op thread, because Spark already runs
 * one task per core and OpenMP barriers collapse when every core is busy.
 */
final class ExecutorEngine {

    private ExecutorEngine() {
    }

    /** Called at the start of every task; cheap after the first. */
    static void prepare() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Engine.getEngine("PyTorch");
        if (JniUtils.getNumThreads() != 1) {
            JniUtils.setNumThreads(1);
        }
    }
}
