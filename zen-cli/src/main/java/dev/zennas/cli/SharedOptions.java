package dev.zennas.cli;

import dev.zennas.latency.Clock;
import dev.zennas.latency.Device;
import dev.zennas.latency.MemoryLayout;
import dev.zennas.util.TorchThreads;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Option blocks several commands share, as picocli mixins: one spelling, one default, one help line each. */
final class SharedOptions {
    private SharedOptions() {
    }

    /** {@code --json}: the result as one JSON object on stdout. */
    static final class JsonOutput {
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;
    }

    /** {@code --seed}: the run seed every random draw of the command derives from. */
    static final class RunSeed {
        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Run seed: every random draw derives from it (default: ${DEFAULT-VALUE}).")
        long seed;
    }

    /** {@code --repeats}: independent proxy draws per architecture, averaged. */
    static final class ProxyRepeats {
        @Option(names = "--repeats", paramLabel = "N", defaultValue = "1",
                description = "Proxy repeats per architecture, averaged (default: ${DEFAULT-VALUE}).")
        int repeats;
    }

    /** {@code --threads} of commands that run libtorch themselves: every core unless told otherwise. */
    static final class IntraOpThreads {
        @Option(names = "--threads", paramLabel = "T", description = "libtorch intra-op threads (default: all cores).")
        Integer threads;

        /** Sets the requested count (every core when none) and returns it. */
        int apply() {
            return TorchThreads.setRequested(threads);
        }
    }

    /**
     * How a latency is measured: batch, intra-op threads, memory layout and clock. Each command keeps its own
     * {@code --runs}, whose default depends on how many networks it measures.
     */
    static final class LatencyMeasurement {
        @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "Images per forward (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--threads", paramLabel = "T",
                description = "libtorch intra-op threads for the forwards (default: the engine's, set by ZEN_THREADS).")
        Integer threads;

        @Option(names = "--layout", paramLabel = "L", defaultValue = "channels-last",
                description = "nchw, channels-last, or auto where networks are measured (measure both interleaved and report the faster; default: ${DEFAULT-VALUE}).")
        String layout;

        @Option(names = "--clock", paramLabel = "C",
                description = "wall, or cpu (the measuring thread's CPU time: not inflated by other processes; 1 thread only). Default: cpu with 1 thread, wall otherwise.")
        String clock;

        /** The requested threads, else the engine's. */
        int threads() {
            return threads != null ? threads : Device.engineThreads();
        }

        MemoryLayout layout() {
            return MemoryLayout.parse(layout);
        }

        /** The requested clock, else the default for {@code threads} (cpu with one thread, wall otherwise). */
        Clock clock(int threads) {
            return clock != null ? Clock.parse(clock) : Clock.defaultFor(threads);
        }
    }

    /** {@code --table-dir}: where this machine's latency tables live. */
    static final class LatencyTableDir {
        @Option(names = "--table-dir", paramLabel = "DIR", description = "Latency table directory (default .zen-cache/latency under the workbench root).")
        Path dir;

        Path dir() {
            return dir != null ? dir : WorkbenchPaths.latencyTables();
        }
    }

    /** How a search run's best is re-scored by {@code zen search report} and {@code zen search export}. */
    static final class Rescoring {
        @Option(names = "--rescore-proxy", paramLabel = "NAME", description = "Proxy to re-score best and released with (default Zen; 'none' to skip).")
        String proxy = "Zen";

        @Option(names = "--rescore-batch", paramLabel = "N", description = "Batch of the re-scoring (default 64, the official one; lower it for networks whose activations exceed the memory budget at 64).")
        int batch = dev.zennas.search.SearchReport.Rescore.DEFAULT_BATCH;

        @Option(names = "--rescore-repeats", paramLabel = "N", description = "Repeats of the re-scoring (default 8).")
        int repeats = 8;

        @Option(names = "--top", paramLabel = "K", description = "Re-score the K best distinct members and report the best re-scored one (default 5; 1 = the best single draw only).")
        int top = 5;

        dev.zennas.search.SearchReport.Rescore rescore() {
            return new dev.zennas.search.SearchReport.Rescore(proxy, batch, repeats, top);
        }
    }
}
