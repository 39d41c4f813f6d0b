package dev.zennas.latency;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a latency table is valid for: a table measured on another CPU, with another thread count, layout, batch or
 * engine version predicts nothing here.
 */
public record TableHeader(String device, int threads, MemoryLayout layout, int batch, String versions, Clock clock) {
    public TableHeader {
        if (clock == null) throw new IllegalArgumentException("a latency table needs a clock");
        clock.checkThreads(threads);
        if (layout == MemoryLayout.AUTO) throw new IllegalArgumentException("a latency table is measured in one layout");
        if (threads < 1 || batch < 1) throw new IllegalArgumentException("threads and batch must be positive");
    }

    /** This machine's header for the given settings. */
    public static TableHeader here(int threads, MemoryLayout layout, int batch, Clock clock) {
        return new TableHeader(Device.cpuModel(), threads, layout, batch, Device.versions(), clock);
    }

    /** {@code amd-epyc_t1_channels-last_b1_cpu_djl-0.36.0-libtorch-2.7.1.json}. */
    public String fileName() {
        return slug(device) + "_t" + threads + "_" + layout.id() + "_b" + batch + "_" + clock.id() + "_" + slug(versions)
                + ".json";
    }

    public Path file(Path dir) {
        return dir.resolve(fileName());
    }

    /** The command that builds a table for this header. */
    public String buildCommand() {
        return "zen latency table build --threads " + threads + " --batch " + batch + " --layout " + layout.id()
                + " --clock " + clock.id();
    }

    public String describe() {
        return "'" + device + "', " + threads + " thread" + (threads == 1 ? "" : "s") + ", " + layout.id() + ", batch "
                + batch + ", " + clock.id() + " clock, " + versions;
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-|-$", "");
    }
}
