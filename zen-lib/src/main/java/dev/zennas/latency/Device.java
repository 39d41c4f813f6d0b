package dev.zennas.latency;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What a latency depends on besides the network: the CPU model and the engine and library versions. */
public final class Device {
    private Device() {}

    /** The CPU's model name from {@code /proc/cpuinfo}, else the JVM's architecture name. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) return line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no access: fall through
        }
        return System.getProperty("os.arch", "unknown-cpu");
    }

    /** Logical processors the JVM may use. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** libtorch's intra-op thread count on this thread (loads the engine). */
    public static int engineThreads() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }

    /** "djl 0.36.0, libtorch 2.7.1": what a measured or tabulated latency is valid for. */
    public static String versions() {
        Engine e = Engine.getEngine("PyTorch");
        return "djl " + Engine.getDjlVersion() + ", libtorch " + e.getVersion();
    }

    /** Total physical memory in bytes, when the JVM can tell. */
    public static Optional<Long> physicalMemory() {
        try {
            var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) return Optional.of(sun.getTotalMemorySize());
        } catch (RuntimeException | LinkageError e) {
            // not a HotSpot JVM
        }
        return Optional.empty();
    }
}
