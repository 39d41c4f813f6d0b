package dev.zennas.latency;

import com.google.gson.JsonObject;
import dev.zennas.arch.Structure;
import java.nio.file.Path;

/**
 * A latency predicted from this machine's table, with what a reader needs to judge it: the protocol it stands for,
 * the table it came from, how long one warm prediction takes (a search makes thousands) and how the prediction is
 * made up.
 *
 * <pre>{@code
 * LatencyPrediction p = LatencyPrediction.predict(LatencyPredictor.DEFAULT_DIR, structure, "mine", protocol);
 * System.out.println(p.summary());
 * }</pre>
 *
 * @param arch       what the network is called (released name, file name or "structure")
 * @param structure  the structure string
 * @param protocol   the protocol the prediction stands for (its layout may be AUTO)
 * @param layout     the layout of the table that was read
 * @param ms         predicted milliseconds per forward of the protocol's batch
 * @param warmCallUs median microseconds of one prediction once the code is warm
 * @param table      the table's file name
 * @param breakdown  how the prediction is made up ({@link LatencyPredictor#breakdown})
 */
public record LatencyPrediction(String arch, String structure, MeasurementProtocol protocol, MemoryLayout layout,
                                double ms, double warmCallUs, String table, JsonObject breakdown) {

    /** Predictions timed after the first; their median is {@link #warmCallUs}. */
    static final int WARM_CALLS = 101;

    /**
     * Predicts {@code s} under {@code p} from the table in {@code tableDir} for this machine, threads, layout, batch
     * and clock.
     *
     * @throws LatencyException when that table is missing or was measured elsewhere
     */
    public static LatencyPrediction predict(Path tableDir, Structure s, String arch, MeasurementProtocol p) {
        // a table holds one layout; AUTO (measure both) has none of its own, so read the default layout's
        MemoryLayout layout = p.layout() == MemoryLayout.AUTO ? MemoryLayout.CHANNELS_LAST : p.layout();
        LatencyPredictor predictor = LatencyPredictor.load(tableDir, p.threads(), layout, p.batch(), p.clock());
        double ms = predictor.predictMs(s, p.resolution(), p.numClasses(), p.se());
        // the first call pays for class loading; a search calls it thousands of times, so report a warm call
        double[] warm = new double[WARM_CALLS];
        for (int i = 0; i < warm.length; i++) {
            long t0 = System.nanoTime();
            predictor.predictMs(s, p.resolution(), p.numClasses(), p.se());
            warm[i] = (System.nanoTime() - t0) / 1e3;
        }
        return new LatencyPrediction(arch, s.toString(), p, layout, ms, RunStatistics.quantile(warm, 0.5),
                predictor.table().header().fileName(), predictor.breakdown(s, p.resolution(), p.numClasses(), p.se()));
    }

    /** Predicted milliseconds per image: {@link #ms} / batch. */
    public double perImageMs() {
        return ms / protocol.batch();
    }

    /** The prediction, its protocol and table, then the breakdown's entries, as {@code zen latency --predict --json}. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("arch", arch);
        o.addProperty("structure", structure);
        o.addProperty("predicted_ms", Math.round(ms * 1e4) / 1e4);
        o.addProperty("per_image_ms", Math.round(perImageMs() * 1e4) / 1e4);
        o.addProperty("batch", protocol.batch());
        o.addProperty("resolution", protocol.resolution());
        o.addProperty("classes", protocol.numClasses());
        o.addProperty("se", protocol.se());
        o.addProperty("threads", protocol.threads());
        o.addProperty("device", protocol.device());
        o.addProperty("layout", layout.id());
        o.addProperty("clock", protocol.clock().id());
        o.addProperty("prediction_us", Math.round(warmCallUs * 10) / 10.0);
        o.addProperty("table", table);
        breakdown.entrySet().forEach(e -> o.add(e.getKey(), e.getValue().deepCopy()));
        return o;
    }

    /** One line: the predicted time, how it was set up, the table and the cost of a warm prediction. */
    public String summary() {
        return String.format("%s: predicted %.3f ms (batch %d, resolution %d, %s, %s; table %s; %.0f µs)", arch, ms,
                protocol.batch(), protocol.resolution(), protocol.deviceWithThreads(), layout.id(), table, warmCallUs);
    }
}
