package dev.zennas.cli;

import java.nio.file.Path;

/**
 * Where the command line keeps what it shares with the notebooks: score caches, latency tables and the stored
 * results all live under the workbench root, so a study scored from the command line is instant in a notebook (whose
 * kernel is started with the same root) and {@code zen} finds this machine's latency table from any directory.
 */
final class WorkbenchPaths {
    private WorkbenchPaths() {}

    /** The workbench root: {@code ZEN_ROOT} as the launcher passes it, else the working directory. */
    static Path root() {
        String r = System.getProperty("ZEN_ROOT");
        if (r == null || r.isBlank()) r = System.getenv("ZEN_ROOT");
        return r != null && !r.isBlank() ? Path.of(r) : Path.of("").toAbsolutePath();
    }

    /** Default score cache: {@code .zen-cache/scores} under the root. */
    static Path scoreCache() {
        return root().resolve(".zen-cache").resolve("scores");
    }

    /** Default latency-table directory: {@code .zen-cache/latency} under the root. */
    static Path latencyTables() {
        return root().resolve(".zen-cache").resolve("latency");
    }
}
