package dev.zennas.latency;

import dev.zennas.arch.Structure;
import dev.zennas.budget.LatencyModel;
import java.nio.file.Path;

/**
 * Predicted latency from this machine's {@link LatencyTable}: microseconds per structure, so a search can check every
 * candidate. The deployed network is predicted without SE unless asked (the search budgets' convention).
 *
 * <pre>{@code
 * LatencyPredictor p = LatencyPredictor.load(LatencyPredictor.DEFAULT_DIR, 1, MemoryLayout.CHANNELS_LAST, 1, Clock.CPU);
 * double ms = p.predictMs(structure, 224, 1000, false);
 * }</pre>
 */
public final class LatencyPredictor implements LatencyModel {
    /** Where tables are cached, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of(".zen-cache", "latency");

    private final LatencyTable table;

    public LatencyPredictor(LatencyTable table) {
        this.table = table;
    }

    /** The table for this machine at the given threads, layout and batch; refused when missing or measured elsewhere. */
    public static LatencyPredictor load(Path dir, int threads, MemoryLayout layout, int batch, Clock clock) {
        TableHeader h = TableHeader.here(threads, layout, batch, clock);
        return new LatencyPredictor(LatencyTable.load(h.file(dir), h));
    }

    public LatencyTable table() {
        return table;
    }

    /** Predicted ms per forward of the table's batch. */
    public double predictMs(Structure s, int resolution, int numClasses, boolean se) {
        return table.predictMs(s, resolution, numClasses, se);
    }

    @Override
    public double msPerImage(Structure s, int resolution, int numClasses) {
        return predictMs(s, resolution, numClasses, false) / table.header().batch();
    }
}
