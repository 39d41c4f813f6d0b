package dev.zennas.bench;

import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import dev.zennas.arch.ArchSource;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ProxyException;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.TargetRef;
import dev.zennas.scoring.WorkUnit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Zen-Score throughput of a structure (default: the released CIFAR-1M net, batch 64, resolution 32, convention A)
 * against our PyTorch reference ({@code bench/zen_score_reference.py}) run in the same process environment
 * (same GLIBC_TUNABLES, same thread count).
 */
public final class ProxyBenchmark {

    /** What was measured. */
    public record Result(String arch, int batch, int resolution, int threads, boolean parallelPasses, int cores,
                         int referenceThreads, double[] javaSeconds, double javaMedian,
                         double javaMeanScore, Optional<Double> torchMedian, Optional<Double> torchMeanScore,
                         String torchNote, String glibcTunables) {
        /** Our median time / PyTorch's (lower is better; goal ≤ 0.5). */
        public Optional<Double> ratio() {
            return torchMedian.map(t -> javaMedian / t);
        }

        /**
         * The report as {@code zen bench proxy} prints it: the machine and thread setup first (a ratio means nothing
         * without them), then each side's median time and rate, then the ratio, or why the reference did not run.
         */
        public String report() {
            StringBuilder sb = new StringBuilder(String.format("machine: %d CPUs (%s), load average %.2f; DJL intra-op"
                            + " threads %d, passes %s (%d core(s) per score); PyTorch threads %d; GLIBC_TUNABLES=%s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), threads,
                    parallelPasses ? "concurrent" : "sequential", cores, referenceThreads, glibcTunables));
            sb.append(String.format("DJL    : median %.3f s/score = %.2f scores/s (mean score %.2f)%n", javaMedian,
                    1 / javaMedian, javaMeanScore));
            if (torchMedian.isEmpty()) return sb.append("PyTorch: ").append(torchNote).toString();
            sb.append(String.format("PyTorch: median %.3f s/score = %.2f scores/s (mean score %.2f; %s)%n",
                    torchMedian.get(), 1 / torchMedian.get(), torchMeanScore.orElse(Double.NaN), torchNote));
            return sb.append(String.format("ratio  : DJL time / PyTorch time = %.2f (goal <= 0.5)", ratio().get()))
                    .toString();
        }
    }

    private ProxyBenchmark() {
    }

    /**
     * Runs {@code warmup} + {@code repeats} timed Zen-Scores (one fresh network, weights and inputs per score), then
     * the Python reference with the same settings unless {@code python} is empty.
     */
    public static Result run(String arch, int batch, int resolution, int repeats, int warmup, Optional<String> python,
                             Optional<Path> referenceScript) {
        return run(arch, batch, resolution, repeats, warmup, python, referenceScript, 0);
    }

    /**
     * As above; {@code referenceThreads} > 0 overrides the reference's thread count (default: as many as the cores
     * the Java side uses).
     */
    public static Result run(String arch, int batch, int resolution, int repeats, int warmup, Optional<String> python,
                             Optional<Path> referenceScript, int referenceThreads) {
        ArchSource.Resolved resolved = ArchSource.resolve(arch);
        int res = resolution > 0 ? resolution : resolved.defaultResolution();
        TargetRef target = TargetRef.structure(resolved.structure(), resolved.defaultResolution(),
                resolved.defaultClasses());
        ProxySpec spec = ProxySpec.of("zen").withBatchSize(batch).withResolution(res);
        ExecutionSettings execution = ExecutionSettings.defaults();
        for (int i = 0; i < warmup; i++) {
            zenScore(new WorkUnit(i, target, spec, 1000 + i), execution);
        }
        double[] seconds = new double[repeats];
        double scoreSum = 0;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            double score = zenScore(new WorkUnit(i, target, spec, i), execution);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            scoreSum += score;
        }
        int threads = torchThreads();
        // the reference gets as many cores as we use: two when the two passes run on two single-threaded workers
        int cores = ExecutionSettings.defaults().concurrentPasses() ? 2 * threads : threads;
        int torchThreads = referenceThreads > 0 ? referenceThreads : cores;
        Optional<Double> torchMedian = Optional.empty();
        Optional<Double> torchScore = Optional.empty();
        String note;
        if (python.isEmpty()) {
            note = "reference skipped";
        } else {
            Path script = referenceScript.orElseGet(ProxyBenchmark::findReferenceScript);
            try {
                JsonObject o = runReference(python.get(), script, resolved.structure().toString(), batch, res, repeats, warmup, torchThreads);
                torchMedian = Optional.of(o.get("median_s").getAsDouble());
                double sum = 0;
                var scores = o.getAsJsonArray("scores");
                for (var e : scores) {
                    sum += e.getAsDouble();
                }
                torchScore = Optional.of(sum / scores.size());
                note = "torch " + o.get("torch").getAsString() + ", " + o.get("threads").getAsInt() + " thread(s)";
            } catch (IOException | RuntimeException e) {
                note = "reference failed: " + e.getMessage();
            }
        }
        String tunables = Optional.ofNullable(System.getenv("GLIBC_TUNABLES")).orElse("(unset)");
        return new Result(resolved.structure().toString(), batch, res, threads, ExecutionSettings.defaults().concurrentPasses(), cores, torchThreads, seconds, median(seconds), scoreSum / repeats, torchMedian,
                torchScore, note, tunables);
    }

    /** One timed Zen-Score; a failure (e.g. over the memory budget) ends the benchmark with its reason. */
    private static double zenScore(WorkUnit unit, ExecutionSettings execution) {
        ScoreResult r = Scoring.compute(unit, execution);
        if (r.failed()) {
            throw new ProxyException(r.failure());
        }
        return r.mean();
    }

    /** Intra-op threads of the loaded engine (ai.djl.pytorch.num_threads, else the DJL default). */
    public static int torchThreads() {
        Engine.getEngine("PyTorch");
        try {
            return ai.djl.pytorch.jni.JniUtils.getNumThreads();
        } catch (RuntimeException | LinkageError e) {
            String p = System.getProperty("ai.djl.pytorch.num_threads");
            return p != null ? Integer.parseInt(p) : Runtime.getRuntime().availableProcessors();
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static Path findReferenceScript() {
        return PythonReference.findScript("zen_score_reference.py");
    }

    private static JsonObject runReference(String python, Path script, String structure, int batch, int res,
                                           int repeats, int warmup, int threads) throws IOException {
        return PythonReference.run(python, script, List.of("--structure", structure, "--batch", String.valueOf(batch),
                "--resolution", String.valueOf(res), "--repeats", String.valueOf(repeats), "--warmup",
                String.valueOf(warmup), "--threads", String.valueOf(threads)));
    }
}
