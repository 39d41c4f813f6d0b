package dev.zennas.latency;

import dev.zennas.arch.Structure;
import dev.zennas.budget.LatencyModel;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * How a prediction of {@code s} is made up: the sum of the table's operation times (in total and by operation
     * kind), the weights' size, the operation count, the fitted overhead and the table's calibration.
     */
    public JsonObject breakdown(Structure s, int resolution, int numClasses, boolean se) {
        List<LayerOp> ops = LayerOp.of(s, resolution, numClasses, se);
        Map<String, Double> byKind = new TreeMap<>();
        double sum = 0;
        for (LayerOp op : ops) {
            double t = table.opMs(op);
            byKind.merge(op.kind().name().toLowerCase(Locale.ROOT), t, Double::sum);
            sum += t;
        }
        JsonObject o = new JsonObject();
        o.addProperty("sum_of_operations_ms", Math.round(sum * 1e4) / 1e4);
        JsonObject kinds = new JsonObject();
        byKind.forEach((k, v) -> kinds.addProperty(k, Math.round(v * 1e4) / 1e4));
        o.add("operations_ms_by_kind", kinds);
        o.addProperty("weights_mib", Math.round(LatencyTable.weightMiB(ops) * 100) / 100.0);
        o.addProperty("operations", ops.size());
        o.addProperty("overhead", String.format(Locale.ROOT, "%.3f ms + %.3f x sum + %.4f ms per operation",
                table.intercept(), table.slope(), table.msPerOp()));
        o.add("calibration", table.calibration());
        return o;
    }
}
