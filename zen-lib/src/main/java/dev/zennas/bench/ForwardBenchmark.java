package dev.zennas.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.zennas.data.NasBenchData;
import dev.zennas.data.Nb201Row;
import dev.zennas.latency.MemoryLayout;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ProxyTarget;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.space.BenchmarkDataset;
import dev.zennas.space.Nb201Cell;
import dev.zennas.space.Nb201Target;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Zen-Score's forward paths side by side in one run, interleaved so that machine noise hits all alike:
 * DJL's Block API (the reference path), the direct forward in NCHW, and the direct forward channels-last — on
 * seeded NAS-Bench-201 architectures (CIFAR-10, batch 64) and on a ZenNet. Reports seconds per score, the speed-up
 * over the Block API and the largest score difference from it.
 */
public final class ForwardBenchmark {

    /** A forward path, as the execution settings that select it. */
    public enum Path {
        BLOCK_API(false, MemoryLayout.NCHW, ExecutionSettings.Passes.AUTO),
        DIRECT_NCHW(true, MemoryLayout.NCHW, ExecutionSettings.Passes.AUTO),
        DIRECT_CHANNELS_LAST(true, MemoryLayout.CHANNELS_LAST, ExecutionSettings.Passes.AUTO),
        /** The default path with both passes on one thread: how each worker of a correlation sweep runs. */
        DIRECT_CHANNELS_LAST_ONE_THREAD(true, MemoryLayout.CHANNELS_LAST, ExecutionSettings.Passes.SEQUENTIAL);

        final ExecutionSettings execution;

        Path(boolean direct, MemoryLayout layout, ExecutionSettings.Passes passes) {
            this.execution = ExecutionSettings.defaults().withDirectForward(direct).withLayout(layout)
                    .withPasses(passes);
        }
    }

    private ForwardBenchmark() {
    }

    /** One workload: a named list of targets. */
    public record Workload(String name, List<ProxyTarget> targets) {}

    /** {@code archs} NB201 CIFAR-10 architectures drawn with {@code seed}, plus {@code zenNet} (may be null). */
    public static List<Workload> workloads(int archs, long seed, String zenNet) {
        List<Workload> list = new ArrayList<>();
        if (archs > 0) {
            List<Nb201Row> rows = NasBenchData.nb201();
            SplittableRandom rng = new SplittableRandom(seed);
            List<ProxyTarget> targets = new ArrayList<>();
            for (int i = 0; i < archs; i++) {
                Nb201Row r = rows.get(rng.nextInt(rows.size()));
                targets.add(new Nb201Target(Nb201Cell.parse(r.archStr()), BenchmarkDataset.CIFAR10));
            }
            list.add(new Workload("nb201 cifar10 (" + archs + " archs)", targets));
        }
        if (zenNet != null) {
            list.add(new Workload(zenNet, List.of(Proxies.target(zenNet))));
        }
        return list;
    }

    /**
     * Scores every target of every workload once per path (after one untimed warm-up score per path), the paths
     * interleaved target by target. Columns: workload, path, s_per_score, speedup_vs_block_api, max_abs_diff,
     * gflop_per_s (the convolutions' arithmetic — 2 FLOP per counted multiply-accumulate, batch × 2 passes — per
     * second of wall time; NaN when a target has no analytic count).
     */
    public static Table run(List<Workload> workloads, int batch, PrintWriter progress) {
        ZeroShotProxy zen = Proxies.get("zen");
        StringColumn workload = StringColumn.create("workload");
        StringColumn path = StringColumn.create("path");
        DoubleColumn seconds = DoubleColumn.create("s_per_score");
        DoubleColumn speedup = DoubleColumn.create("speedup_vs_block_api");
        DoubleColumn diff = DoubleColumn.create("max_abs_diff");
        DoubleColumn rate = DoubleColumn.create("gflop_per_s");
        for (Workload w : workloads) {
            Map<Path, double[]> scores = new LinkedHashMap<>();
            Map<Path, Double> time = new LinkedHashMap<>();
            for (Path p : Path.values()) {
                zen.score(w.targets().get(0), ProxySettings.defaults().withBatchSize(batch), p.execution); // warm-up
                scores.put(p, new double[w.targets().size()]);
                time.put(p, 0.0);
            }
            for (int i = 0; i < w.targets().size(); i++) {
                for (Path p : Path.values()) {
                    long t0 = System.nanoTime();
                    double v = zen.score(w.targets().get(i), ProxySettings.defaults().withBatchSize(batch).withSeed(i),
                            p.execution).mean();
                    time.merge(p, (System.nanoTime() - t0) / 1e9, Double::sum);
                    scores.get(p)[i] = v;
                }
                if (progress != null) {
                    progress.printf("%s: %d/%d%n", w.name(), i + 1, w.targets().size());
                    progress.flush();
                }
            }
            int n = w.targets().size();
            double gflop = 0;
            for (ProxyTarget t : w.targets()) {
                gflop += t.analyticFlops().orElse(Double.NaN) * 2.0 * batch * 2 / 1e9;
            }
            double blockApi = time.get(Path.BLOCK_API) / n;
            for (Path p : Path.values()) {
                double max = 0;
                for (int i = 0; i < n; i++) {
                    double a = scores.get(p)[i];
                    double b = scores.get(Path.BLOCK_API)[i];
                    if (Double.isFinite(a) && Double.isFinite(b)) {
                        max = Math.max(max, Math.abs(a - b));
                    }
                }
                workload.append(w.name());
                path.append(p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                seconds.append(time.get(p) / n);
                speedup.append(blockApi / (time.get(p) / n));
                diff.append(max);
                rate.append(gflop / time.get(p));
            }
        }
        return Table.create("Zen-Score forward paths (batch " + batch + ")", workload, path, seconds, speedup, diff,
                rate);
    }

    /**
     * The machine's practical ceiling for the convolutions: libtorch's float32 matrix product (n × n, one intra-op
     * thread, this thread) in GFLOP/s, best of repeated products over about {@code seconds}. A Zen-Score forward that
     * reached this rate would be pure GEMM at full speed — its narrow convolutions, batch norms and ReLUs never do.
     */
    public static double sgemmGflops(int n, double seconds) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            a.matMul(b).close(); // warm-up
            double best = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                a.matMul(b).close();
                best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9) / 1e9);
            }
            return best;
        }
    }
}
