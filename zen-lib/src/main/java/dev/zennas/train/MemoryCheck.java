package dev.zennas.train;

import dev.zennas.net.ZenNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses a training step that would not fit in memory, before any large allocation: libtorch running out of memory
 * kills the JVM instead of throwing, so the estimate is checked up front.
 */
public final class MemoryCheck {

    private MemoryCheck() {
    }

    /** Throws {@link IllegalArgumentException} (one line, with a batch that would fit) when the step does not fit. */
    public static void require(ZenNetwork network, int batch) {
        long available = availableBytes();
        if (available <= 0) {
            return; // not Linux: nothing to check against
        }
        long need = Trainer.estimateStepBytes(network, batch);
        if (need > available * 0.8) {
            long perImage = Math.max(1, Trainer.estimateStepBytes(network, 1));
            int fits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) (available * 0.8) / perImage));
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "training this network at batch %d needs about %.1f GiB, but only %.1f GiB of memory is available;"
                            + " use a smaller --batch (at most about %d)", batch, need / 1073741824.0,
                    available / 1073741824.0, fits));
        }
    }

    /** MemAvailable from /proc/meminfo in bytes, or -1 when it cannot be read. */
    static long availableBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }
}
