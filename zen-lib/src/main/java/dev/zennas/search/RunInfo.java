package dev.zennas.search;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Versions and machine description for run ledgers. */
public final class RunInfo {
    private RunInfo() {}

    public static JsonObject versions(String proxy) {
        JsonObject v = new JsonObject();
        String lib = RunInfo.class.getPackage().getImplementationVersion();
        v.addProperty("library", lib != null ? lib : dev.zennas.Workbench.VERSION);
        v.addProperty("java", System.getProperty("java.version"));
        try {
            v.addProperty("djl", ai.djl.engine.Engine.getDjlVersion());
        } catch (Throwable t) {
            v.addProperty("djl", "unknown");
        }
        // Loading the engine loads libtorch: only do it when the fitness uses it.
        if (!proxy.startsWith("analytic-") && !proxy.startsWith("test-")) {
            try {
                ai.djl.engine.Engine e = ai.djl.engine.Engine.getEngine("PyTorch");
                v.addProperty("engine", e.getEngineName() + " " + e.getVersion());
            } catch (Throwable t) {
                v.addProperty("engine", "unavailable: " + t.getMessage());
            }
        } else {
            v.addProperty("engine", "none (analytic scorer)");
        }
        return v;
    }

    public static JsonObject machine() {
        JsonObject m = new JsonObject();
        m.addProperty("cores", Runtime.getRuntime().availableProcessors());
        m.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.addProperty("cpu", cpuModel());
        m.addProperty("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        m.addProperty("torchThreads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        String tunables = System.getenv("GLIBC_TUNABLES");
        m.addProperty("glibcTunables", tunables != null ? tunables : "");
        return m;
    }

    public static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
