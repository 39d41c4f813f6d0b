package dev.zennas.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.zennas.arch.ArchSource;
import dev.zennas.data.NasBenchData;
import dev.zennas.data.Nb201Row;
import dev.zennas.latency.MemoryLayout;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ProxyException;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.TargetRef;
import dev.zennas.scoring.WorkUnit;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
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
    public record Workload(String name, List<TargetRef> targets) {}

    /** {@code archs} NB201 CIFAR-10 architectures drawn with {@code seed}, plus {@code zenNet} (may be null). */
    public static List<Workload> workloads(int archs, long seed, String zenNet) {
        List<Workload> list = new ArrayList<>();
        if (archs > 0) {
            List<Nb201Row> rows = NasBenchData.nb201();
            SplittableRandom rng = new SplittableRandom(seed);
            List<TargetRef> targets = new ArrayList<>();
            for (int i = 0; i < archs; i++) {
                targets.add(TargetRef.benchmark(BenchmarkSpace.NB201, rng.nextInt(rows.size()), BenchmarkDataset.CIFAR10));
            }
            list.add(new Workload("nb201 cifar10 (" + archs + " archs)", targets));
        }
        if (zenNet != null) {
            ArchSource.Resolved r = ArchSource.resolve(zenNet);
            list.add(new Workload(zenNet, List.of(TargetRef.structure(r.structure(), r.defaultResolution(),
                    r.defaultClasses()))));
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
        ProxySpec zen = ProxySpec.of("zen").withBatchSize(batch);
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
                score(new WorkUnit(0, w.targets().get(0), zen, 0), p.execution); // warm-up
                scores.put(p, new double[w.targets().size()]);
                time.put(p, 0.0);
            }
            for (int i = 0; i < w.targets().size(); i++) {
                for (Path p : Path.values()) {
                    long t0 = System.nanoTime();
                    double v = score(new WorkUnit(i, w.targets().get(i), zen, i), p.execution);
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
            for (TargetRef t : w.targets()) {
                gflop += t.resolve().analyticFlops().orElse(Double.NaN) * 2.0 * batch * 2 / 1e9;
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

    private static double score(WorkUnit unit, ExecutionSettings execution) {
        ScoreResult r = Scoring.compute(unit, execution);
        if (r.failed()) {
            throw new ProxyException(r.failure());
        }
        return r.mean();
    }
}
