package dev.zennas.cli;

import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import dev.zennas.latency.Clock;
import dev.zennas.latency.Device;
import dev.zennas.latency.LatencyException;
import dev.zennas.latency.LatencyMeter;
import dev.zennas.latency.LatencyPredictor;
import dev.zennas.latency.LatencyResult;
import dev.zennas.latency.MeasurementProtocol;
import dev.zennas.latency.MemoryLayout;
import dev.zennas.search.Presets;
import dev.zennas.search.SearchSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Latency budgets for {@code zen search}: candidates are checked with this machine's predictor (batch 1,
 * channels-last, the engine's thread count); a latency preset's budget becomes the predicted latency of its released
 * net here, since the paper's V100 milliseconds mean nothing on a CPU; the best structure is verified by measurement.
 */
final class SearchLatency {
    /** Timed runs of the final verification. */
    static final int VERIFY_RUNS = 15;

    private SearchLatency() {}

    static LatencyPredictor predictor() {
        int t = Device.engineThreads();
        return LatencyPredictor.load(WorkbenchPaths.latencyTables(), t, MemoryLayout.CHANNELS_LAST, 1, Clock.defaultFor(t));
    }

    /** This machine's predictor, or null when its table has not been built (a latency run then says so). */
    static LatencyPredictor predictorIfBuilt() {
        try {
            return predictor();
        } catch (LatencyException e) {
            return null;
        }
    }

    /** Attaches the predictor and, unless the budget is absolute, rescales a preset's budget to this machine. */
    static void attach(SearchSettings.Builder b, boolean absolute, boolean dryRun, PrintWriter w) {
        LatencyPredictor p;
        try {
            p = predictor();
        } catch (LatencyException e) {
            if (dryRun) {
                w.println("note: " + e.getMessage());
                return;
            }
            throw new UserError(e.getMessage(), e);
        }
        b.latencyModel = p;
        Optional<String> released = Presets.releasedLatencyNet(b.preset);
        if (!absolute && released.isPresent()) {
            Structure s = ReleasedNets.get(released.get()).structure();
            double here = p.msPerImage(s, b.resolution, b.numClasses);
            w.printf(Locale.ROOT, "latency budget: %.3f ms/image = %s predicted on this machine (%s, 1 thread(s) = %d;"
                            + " the paper's %.1f ms is a V100 figure); --budget-latency-ms sets an absolute one%n",
                    here, released.get(), Device.cpuModel(), Device.engineThreads(), b.maxLatencyMs);
            b.maxLatencyMs = here;
        }
    }

    /** Measures the best structure (and the released net of the same budget), prints both and writes latency.txt. */
    static void verify(PrintWriter w, SearchSettings s, Structure best, Path dir) {
        try {
            LatencyPredictor p = predictor();
            int res = s.constraints().resolution();
            int k = s.constraints().numClasses();
            MeasurementProtocol proto = MeasurementProtocol.builder().resolution(res).numClasses(k).runs(VERIFY_RUNS)
                    .threads(Device.engineThreads()).clock(Clock.defaultFor(Device.engineThreads())).build();
            StringBuilder out = new StringBuilder();
            out.append(line("search best", best, p, proto, s.constraints().maxLatencyMs()));
            Presets.releasedLatencyNet(s.preset()).ifPresent(name ->
                    out.append(line(name, ReleasedNets.get(name).structure(), p, proto, s.constraints().maxLatencyMs())));
            w.print(out);
            Files.writeString(dir.resolve("latency.txt"), out.toString(), StandardCharsets.UTF_8);
        } catch (LatencyException | IOException e) {
            w.println("latency verification failed: " + e.getMessage());
        }
    }

    private static String line(String name, Structure s, LatencyPredictor p, MeasurementProtocol proto, double budget) {
        double predicted = p.predictMs(s, proto.resolution(), proto.numClasses(), false);
        LatencyResult m = LatencyMeter.measure(s, name, proto);
        return String.format(Locale.ROOT, "latency %s: predicted %.2f ms, measured %.2f ms (p90 %.2f, noise %.2f);"
                        + " budget %.2f ms: %s%n", name, predicted, m.medianMs(), m.p90Ms(), m.noise(), budget,
                m.medianMs() <= budget ? "within" : "over by " + String.format(Locale.ROOT, "%.1f%%",
                        100 * (m.medianMs() / budget - 1)));
    }
}
