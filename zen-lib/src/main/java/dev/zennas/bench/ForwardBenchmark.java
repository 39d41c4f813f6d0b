package dev.zennas.bench;

import dev.zennas.data.NasBenchData;
import dev.zennas.data.Nb201Row;
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

    /** A forward path, as the system properties that select it. */
    public enum Path {
        BLOCK_API("false", "false"),
        DIRECT_NCHW("true", "false"),
        DIRECT_CHANNELS_LAST("true", "true");

        final String direct;
        final String channelsLast;

        Path(String direct, String channelsLast) {
            this.direct = direct;
            this.channelsLast = channelsLast;
        }

        void select() {
            System.setProperty("zen.proxy.directForward", direct);
            System.setProperty("zen.proxy.channelsLast", channelsLast);
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
     * interleaved target by target. Columns: workload, path, s_per_score, speedup_vs_block_api, max_abs_diff.
     */
    public static Table run(List<Workload> workloads, int batch, PrintWriter progress) {
        ZeroShotProxy zen = Proxies.get("zen");
        String oldDirect = System.getProperty("zen.proxy.directForward");
        String oldLayout = System.getProperty("zen.proxy.channelsLast");
        StringColumn workload = StringColumn.create("workload");
        StringColumn path = StringColumn.create("path");
        DoubleColumn seconds = DoubleColumn.create("s_per_score");
        DoubleColumn speedup = DoubleColumn.create("speedup_vs_block_api");
        DoubleColumn diff = DoubleColumn.create("max_abs_diff");
        try {
            for (Workload w : workloads) {
                Map<Path, double[]> scores = new LinkedHashMap<>();
                Map<Path, Double> time = new LinkedHashMap<>();
                for (Path p : Path.values()) {
                    p.select();
                    zen.score(w.targets().get(0), ProxySettings.defaults().withBatchSize(batch)); // warm-up
                    scores.put(p, new double[w.targets().size()]);
                    time.put(p, 0.0);
                }
                for (int i = 0; i < w.targets().size(); i++) {
                    for (Path p : Path.values()) {
                        p.select();
                        long t0 = System.nanoTime();
                        double v = zen.score(w.targets().get(i), ProxySettings.defaults().withBatchSize(batch).withSeed(i)).mean();
                        time.merge(p, (System.nanoTime() - t0) / 1e9, Double::sum);
                        scores.get(p)[i] = v;
                    }
                    if (progress != null) {
                        progress.printf("%s: %d/%d%n", w.name(), i + 1, w.targets().size());
                        progress.flush();
                    }
                }
                int n = w.targets().size();
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
                }
            }
        } finally {
            restore("zen.proxy.directForward", oldDirect);
            restore("zen.proxy.channelsLast", oldLayout);
        }
        return Table.create("Zen-Score forward paths (batch " + batch + ")", workload, path, seconds, speedup, diff);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
