package dev.zennas.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.arch.ArchSource;
import dev.zennas.latency.Clock;
import dev.zennas.latency.LatencyMeter;
import dev.zennas.latency.LatencyResult;
import dev.zennas.latency.MeasurementProtocol;
import dev.zennas.latency.MemoryLayout;
import dev.zennas.util.PrintedDecimals;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Inference latency of deployed networks in DJL (our direct eval-mode forward, the faster layout of each net) beside
 * the PyTorch reference {@code bench/latency_reference.py} (eval mode, {@code inference_mode}, its faster layout), run
 * net by net right after ours in the same environment (same GLIBC_TUNABLES) with the same threads, batch, warm-up and
 * runs. Both sides read wall time.
 */
public final class LatencyBenchmark {
    private LatencyBenchmark() {}

    /** Measures {@code archs} (released names or structures) on both sides; the table has one row per net. */
    public static Table run(List<String> archs, int batch, int threads, int warmup, int runs, Optional<String> python,
                            Optional<Path> script, PrintWriter progress) {
        StringColumn arch = StringColumn.create("arch");
        IntColumn batchCol = IntColumn.create("batch");
        DoubleColumn djl = DoubleColumn.create("djl_median_ms");
        DoubleColumn djlNoise = DoubleColumn.create("djl_noise");
        StringColumn djlLayout = StringColumn.create("djl_layout");
        DoubleColumn torch = DoubleColumn.create("torch_median_ms");
        DoubleColumn torchNoise = DoubleColumn.create("torch_noise");
        StringColumn torchLayout = StringColumn.create("torch_layout");
        DoubleColumn ratio = DoubleColumn.create("djl_over_torch");
        List<LatencyResult> ours = new ArrayList<>();
        Map<String, JsonObject> ref = new HashMap<>();
        String note = python.isPresent() ? "ok" : "reference skipped";
        Path s = null;
        if (python.isPresent()) {
            try {
                s = script.orElseGet(() -> find("latency_reference.py"));
            } catch (RuntimeException e) {
                note = "reference failed: " + e.getMessage();
            }
        }
        // net by net, ours then the reference's: the load of a shared machine drifts over minutes, and each pair
        // should see the same load
        for (String a : archs) {
            ArchSource.Resolved r = ArchSource.resolve(a);
            MeasurementProtocol p = MeasurementProtocol.builder().threads(threads).batch(batch)
                    .resolution(r.released().isPresent() ? r.defaultResolution() : 224)
                    .numClasses(r.released().isPresent() ? r.defaultClasses() : 1000).se(r.defaultSe())
                    .layout(MemoryLayout.AUTO).warmup(warmup).runs(runs).clock(Clock.WALL).build();
            LatencyResult res = LatencyMeter.measure(r.structure(), r.label(), p);
            ours.add(res);
            String torchLine = "";
            if (s != null) {
                try {
                    for (JsonObject o : runReference(python.get(), s, List.of(a), batch, threads, warmup, runs)) {
                        ref.put(a, o);
                        torchLine = String.format(", PyTorch %.2f ms (%s)", o.get("median_ms").getAsDouble(),
                                o.get("layout").getAsString());
                    }
                } catch (IOException | RuntimeException e) {
                    note = "reference failed: " + e.getMessage();
                }
            }
            if (progress != null) {
                progress.printf("%s batch %d: DJL %.2f ms (%s)%s%n", a, batch, res.medianMs(), res.layout().id(), torchLine);
                progress.flush();
            }
        }
        for (int i = 0; i < archs.size(); i++) {
            LatencyResult r = ours.get(i);
            JsonObject o = ref.get(archs.get(i));
            arch.append(archs.get(i));
            batchCol.append(batch);
            djl.append(r.medianMs());
            djlNoise.append(r.noise());
            djlLayout.append(r.layout().id());
            double t = o == null ? Double.NaN : o.get("median_ms").getAsDouble();
            torch.append(t);
            torchNoise.append(o == null ? Double.NaN : o.get("p90_ms").getAsDouble() / t);
            torchLayout.append(o == null ? note : o.get("layout").getAsString());
            ratio.append(r.medianMs() / t);
        }
        PrintedDecimals.set(3, djl, djlNoise, torch, torchNoise, ratio);
        return Table.create("inference latency, DJL vs PyTorch (batch " + batch + ", " + threads + " thread(s))", arch,
                batchCol, djl, djlNoise, djlLayout, torch, torchNoise, torchLayout, ratio);
    }

    /** bench/NAME relative to the working directory or the jar's project root. */
    static Path find(String name) {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("bench", name), Path.of("..", "bench", name)));
        try {
            Path root = Path.of(LatencyBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (int i = 0; i < 4 && root != null; i++) {
                candidates.add(root.resolve("bench").resolve(name));
                root = root.getParent();
            }
        } catch (Exception ignored) {
            // relative candidates only
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) return p;
        }
        throw new IllegalStateException("bench/" + name + " not found (looked in " + candidates + "); pass --reference-script");
    }

    private static List<JsonObject> runReference(String python, Path script, List<String> archs, int batch, int threads,
                                                 int warmup, int runs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--arch", String.join(",", archs),
                "--batch", String.valueOf(batch), "--threads", String.valueOf(threads), "--warmup",
                String.valueOf(warmup), "--runs", String.valueOf(runs), "--layout", "best"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<JsonObject> rows = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("{")) rows.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        try {
            if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                String tail = all.length() > 300 ? all.substring(all.length() - 300) : all.toString();
                throw new IOException(python + " failed: " + tail.replace('\n', ' '));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return rows;
    }
}
