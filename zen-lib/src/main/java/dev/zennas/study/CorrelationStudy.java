package dev.zennas.study;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.data.NasBenchData;
import dev.zennas.proxy.ProxyException;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.Seeds;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.proxy.ZenScore;
import dev.zennas.space.BenchmarkSpace;
import dev.zennas.space.Nb201Equivalence;
import dev.zennas.stats.Bootstrap;
import dev.zennas.stats.ConfidenceInterval;
import dev.zennas.stats.Correlations;
import dev.zennas.stats.PairFilter;
import dev.zennas.stats.TopK;
import dev.zennas.util.ExitHook;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.MathArrays;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Scores a sample (or all) of a benchmark's architectures with a list of proxies and correlates the scores with
 * the trained accuracies.
 *
 * <ul>
 *   <li><b>Parallel</b>: {@code threads} worker threads, each with grad mode off; the engine's intra-op pool is set
 *       to one thread for the run (restored afterwards), because several single-threaded workers beat one
 *       multi-threaded forward on small nets and OpenMP barriers collapse on a loaded machine.</li>
 *   <li><b>Deterministic</b>: the proxy seed of architecture i is derived from (run seed, i) only, so scores do not
 *       depend on the worker count or the order of completion.</li>
 *   <li><b>Resumable</b>: every score is appended to a {@link ScoreCache} file per (space, dataset, proxy,
 *       settings) as soon as it exists; a killed run resumes, and a second study reuses the scores.</li>
 *   <li><b>Analytic proxies</b> {@code params} and {@code flops} read the exact cost model, no tensors.</li>
 *   <li><b>Equivalent NB201 cells</b> (opt-in, {@link StudyConfig#shareEquivalent()}): a proxy whose score depends
 *       only on the computed graph (the Zen-Score, NASWOT) scores one representative per class — 6,239 networks for
 *       the 15,625 cells — and every member gets the representative's score; a column {@code draw_of} names it.
 *       A proxy that depends only on the function of the parameters (GradNorm, SynFlow) does the same over the finer
 *       classes of that function (6,594 networks; column {@code draw_of_function}).</li>
 *   <li><b>Disconnected NB201 cells</b> (341, constant networks) are kept. Whatever the proxy returns is used: the
 *       Zen-Score's ln Δ is ln 0 = −∞, which the rank statistics treat as the lowest rank — the same ranking as
 *       NASLib's −1e8 sentinel. Pearson r skips non-finite pairs.</li>
 * </ul>
 */
public final class CorrelationStudy {
    /** Analytic proxy names handled without tensors. */
    public static final List<String> ANALYTIC = List.of("params", "flops");

    private final StudyConfig config;

    public CorrelationStudy(StudyConfig config) {
        this.config = config;
    }

    /** Runs {@code config}. */
    public static StudyResult run(StudyConfig config) {
        return new CorrelationStudy(config).run();
    }

    /** The architecture indices this study scores, ascending. */
    public int[] indices() {
        BenchmarkSpace space = config.space();
        if (config.archIndices() != null) {
            return Arrays.stream(config.archIndices()).distinct().sorted().toArray();
        }
        int size = space.size();
        if (config.sample() == 0 || config.sample() >= size) {
            return java.util.stream.IntStream.range(0, size).toArray();
        }
        // Partial Fisher–Yates with a stream of its own, so the sample depends on (seed, N) only.
        int[] all = java.util.stream.IntStream.range(0, size).toArray();
        SplittableRandom rng = new SplittableRandom(Seeds.mix(config.seed() ^ 0x5A3D_1E55_0000_0001L));
        for (int i = 0; i < config.sample(); i++) {
            int j = i + rng.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] picked = Arrays.copyOf(all, config.sample());
        Arrays.sort(picked);
        return picked;
    }

    /** The proxy seed of architecture {@code index} under run seed {@code seed}. */
    public static long archSeed(long seed, int index) {
        return Seeds.mix(Seeds.mix(seed) + 0x9E3779B97F4A7C15L * (index + 1L));
    }

    /** Runs the study: score (or read from cache), then correlate. */
    public StudyResult run() {
        long start = System.nanoTime();
        int[] indices = indices();
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>(); // computed, cached, failed
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String proxy : config.proxies()) {
            double[] values = new double[indices.length];
            int[] c = new int[3];
            double secs = score(proxy, indices, values, c);
            scores.put(proxy, values);
            counts.put(proxy, c);
            seconds.put(proxy, secs);
        }
        Table table = scoreTable(indices, scores);
        for (Nb201Equivalence.Level level : new TreeSet<>(sharingProxies.values())) {
            int[] rep = representatives(level);
            table.addColumns(IntColumn.create(drawOfColumn(level), Arrays.stream(indices).map(i -> rep[i]).toArray()));
        }
        List<ProxySummary> summaries = new ArrayList<>();
        double[] acc = accuracies(indices, config.target());
        for (String proxy : config.proxies()) {
            int[] c = counts.get(proxy);
            summaries.add(summarize(proxy, scores.get(proxy), acc, seconds.get(proxy), c[0], c[1], c[2]));
        }
        List<PairedDifference> differences = new ArrayList<>();
        List<String> names = config.proxies();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                differences.add(difference(names.get(i), names.get(j), scores.get(names.get(i)),
                        scores.get(names.get(j)), acc));
            }
        }
        StudyResult result = new StudyResult(config, indices, table, StudyResult.summaryTable(summaries), summaries,
                differences, (System.nanoTime() - start) / 1e9);
        if (config.outDir() != null) {
            result.write(config.outDir());
        }
        return result;
    }

    private double[] accuracies(int[] indices, String target) {
        double[] acc = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            acc[i] = config.space().accuracy(indices[i], config.dataset(), target);
        }
        return acc;
    }

    /** Fills {@code out} with the scores of {@code proxy}; returns the mean seconds per architecture. */
    private double score(String proxy, int[] indices, double[] out, int[] counts) {
        boolean analytic = ANALYTIC.contains(proxy) && !config.customProxies().containsKey(proxy);
        ZeroShotProxy zsp = analytic ? null : resolve(proxy);
        String key = cacheKey(proxy, analytic);
        String description = "space=" + config.space().id() + " " + (scoreDomain(proxy, analytic).startsWith("res")
                ? "resolution=" + config.dataset().resolution() + " (any dataset: the proxy reads no classifier)"
                : "dataset=" + config.dataset().id()) + " proxy=" + proxy
                + (analytic ? " (analytic)" : " batch=" + config.batchSize() + " repeats=" + config.repeats()
                        + " seed=" + config.seed() + " (per-arch seed = mix(seed, arch_index))");
        // The architecture whose draw gives each index its score: itself, or its class's representative. A
        // representative is scored with its own seed, so its cache entry is the one an unshared run writes.
        int[] source = indices.clone();
        Nb201Equivalence.Level level = sharingLevel(zsp);
        if (level != null) {
            sharingProxies.put(proxy, level);
            int[] rep = representatives(level);
            for (int i = 0; i < indices.length; i++) {
                source[i] = rep[indices[i]];
            }
            if (config.progress() != null) {
                config.progress().printf("[%s] one draw per class of equivalent cells (%s): %d architectures, %d"
                        + " networks%n", proxy, level == Nb201Equivalence.Level.COMPUTED_GRAPH ? "same computed graph"
                        : "same function of the parameters", indices.length, Arrays.stream(source).distinct().count());
            }
        } else if (config.shareEquivalent() && !analytic && config.progress() != null) {
            config.progress().printf("[%s] --share-equivalent does not apply: its score is not a function of the"
                    + " computed graph or of the parameters alone; every architecture gets its own draw%n", proxy);
        }
        try (ScoreCache cache = ScoreCache.open(config.cacheDir(), key, description)) {
            TreeSet<Integer> missing = new TreeSet<>();
            for (int s : source) {
                if (cache.get(s) == null) {
                    missing.add(s);
                }
            }
            Map<Integer, Double> fresh = new HashMap<>();
            if (!missing.isEmpty()) {
                if (analytic) {
                    for (int index : missing) {
                        var cost = config.space().cost(index, config.dataset());
                        double v = proxy.equals("params") ? cost.params() : cost.flopsM();
                        cache.put(index, v, 0);
                        fresh.put(index, v);
                    }
                } else {
                    fresh = scoreInParallel(proxy, zsp, missing.stream().mapToInt(Integer::intValue).toArray(),
                            indices.length - (int) Arrays.stream(source).filter(missing::contains).count(),
                            cache);
                }
            }
            double total = 0;
            int n = 0;
            Set<Integer> timed = new HashSet<>();
            for (int i = 0; i < indices.length; i++) {
                ScoreCache.Entry e = cache.get(source[i]);
                if (fresh.containsKey(source[i])) {
                    out[i] = fresh.get(source[i]);
                    counts[Double.isNaN(out[i]) && e == null ? 2 : 0]++;
                } else {
                    out[i] = e.value();
                    counts[1]++;
                }
                if (e != null) {
                    n++;
                    if (timed.add(source[i])) {
                        total += e.seconds();
                    }
                }
            }
            return n == 0 ? Double.NaN : total / n;
        }
    }

    /**
     * The classes whose members share one draw of {@code proxy} in this study: the coarsest the proxy allows, or null
     * when it gets one draw per architecture.
     */
    private Nb201Equivalence.Level sharingLevel(ZeroShotProxy proxy) {
        if (!config.shareEquivalent() || proxy == null) {
            return null;
        }
        if (proxy.dependsOnlyOnComputedGraph()) {
            return Nb201Equivalence.Level.COMPUTED_GRAPH;
        }
        return proxy.dependsOnlyOnParameterFunction() ? Nb201Equivalence.Level.PARAMETER_FUNCTION : null;
    }

    /** The column naming each architecture's draw: {@code draw_of} (computed graph), {@code draw_of_function}. */
    private static String drawOfColumn(Nb201Equivalence.Level level) {
        return level == Nb201Equivalence.Level.COMPUTED_GRAPH ? "draw_of" : "draw_of_function";
    }

    /** Proxies that shared draws in this run, with their classes (each level gets its {@code draw_of} column). */
    private final Map<String, Nb201Equivalence.Level> sharingProxies = new LinkedHashMap<>();
    private final Map<Nb201Equivalence.Level, int[]> representatives = new EnumMap<>(Nb201Equivalence.Level.class);

    /** For every NB201 index, the cell whose draw stands for its class at {@code level} (computed once per study). */
    private int[] representatives(Nb201Equivalence.Level level) {
        return representatives.computeIfAbsent(level, l -> Nb201Equivalence.representatives(config.space().size(),
                i -> NasBenchData.nb201().get(i).cell(), l));
    }

    /**
     * Scores the architectures {@code toScore} in parallel, writing each success to the cache as soon as it exists;
     * returns every value (NaN for a failure).
     */
    private Map<Integer, Double> scoreInParallel(String proxy, ZeroShotProxy zsp, int[] toScore, int cachedArchs,
            ScoreCache cache) {
        Engine.getInstance(); // the native library must be loaded before JniUtils is used
        int threads = Math.min(config.threads(), toScore.length);
        int previousIntraOp = JniUtils.getNumThreads();
        if (threads > 1) {
            JniUtils.setNumThreads(1);
        }
        ThreadFactory factory = r -> {
            Thread t = new Thread(() -> {
                JniUtils.setGradMode(false); // grad mode is per thread; forwards only
                // one score per worker already fills the cores; also makes scores independent of the worker count
                ZenScore.inlinePassesOnThisThread(true);
                r.run();
            }, "zen-study-" + proxy);
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
        Progress progress = new Progress(proxy, toScore.length, cachedArchs);
        Map<Integer, Double> values = new ConcurrentHashMap<>();
        // Ctrl-C / SIGTERM: start no further score and let the running ones finish (each is written to the cache)
        ExitHook stopCleanly = ExitHook.install("zen-study-stop", () -> {
            pool.shutdownNow();
            if (config.progress() != null) {
                config.progress().println("[" + proxy + "] stopping: finishing the scores in progress; the others stay"
                        + " in the cache for the next run");
            }
            try {
                pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int index : workOrder(toScore, config.seed())) {
                futures.add(pool.submit(() -> {
                    ProxySettings settings = ProxySettings.defaults().withBatchSize(config.batchSize())
                            .withRepeats(config.repeats()).withSeed(archSeed(config.seed(), index));
                    long t0 = System.nanoTime();
                    try {
                        ProxyResult r = zsp.score(config.space().target(index, config.dataset()), settings);
                        double v = value(r);
                        double secs = (System.nanoTime() - t0) / 1e9;
                        values.put(index, v);
                        cache.put(index, v, secs);
                    } catch (ProxyException e) {
                        values.put(index, Double.NaN);
                        if (config.progress() != null) {
                            config.progress().println("[" + proxy + "] arch " + index + " failed: " + e.getMessage());
                        }
                    }
                    progress.tick();
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("scoring failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool); // no worker may touch the cache after it is closed
            stopCleanly.close();
            if (threads > 1) {
                JniUtils.setNumThreads(previousIntraOp);
            }
            progress.done();
        }
        return values;
    }

    /**
     * The order in which a study scores {@code toScore}: a shuffle seeded by the run seed. Scores do not depend on it
     * (each architecture has its own seed); the progress line does. NATS-SSS indices count up the channel widths
     * (index 0 is 8:8:8:8:8, the last 64:64:64:64:64), so in index order a sweep starts with its cheapest networks:
     * the rate would fall fourfold, the ETA would be far too short, and the RSS drift would look like a leak.
     */
    static int[] workOrder(int[] toScore, long seed) {
        int[] order = toScore.clone();
        MathArrays.shuffle(order, new Well19937c(Seeds.mix(seed ^ 0x5eed0fdeL)));
        return order;
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS)) {
                throw new IllegalStateException("study workers did not stop within an hour");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The study's value of one proxy result: the mean of the repeats when all are finite; otherwise −∞ if any
     * repeat is −∞ (e.g. ln 0 of a constant network), else NaN.
     */
    static double value(ProxyResult r) {
        double[] v = r.values();
        if (Arrays.stream(v).allMatch(Double::isFinite)) {
            return Arrays.stream(v).average().orElse(Double.NaN);
        }
        return Arrays.stream(v).anyMatch(x -> x == Double.NEGATIVE_INFINITY) ? Double.NEGATIVE_INFINITY : Double.NaN;
    }

    private ZeroShotProxy resolve(String name) {
        ZeroShotProxy custom = config.customProxies().get(name);
        if (custom != null) {
            return custom;
        }
        return Proxies.get(name);
    }

    private String cacheKey(String proxy, boolean analytic) {
        String base = config.space().id() + "_" + scoreDomain(proxy, analytic) + "_" + proxy.replaceAll("[^A-Za-z0-9.-]", "-");
        return analytic ? base : base + "_b" + config.batchSize() + "_r" + config.repeats() + "_s" + config.seed();
    }

    /**
     * What a proxy's scores depend on besides the architecture: the dataset, or only the input resolution for the
     * Zen-Score, which reads the pre-GAP features and never the classifier — so CIFAR-10 and CIFAR-100 (both 32×32,
     * the same features network, the same per-architecture seeds) share one set of scores, exactly.
     */
    private String scoreDomain(String proxy, boolean analytic) {
        if (!analytic && !config.customProxies().containsKey(proxy) && Proxies.get(proxy) instanceof ZenScore) {
            return "res" + config.dataset().resolution();
        }
        return config.dataset().id();
    }

    private Table scoreTable(int[] indices, Map<String, double[]> scores) {
        Table t = Table.create(config.space().id() + "-" + config.dataset().id());
        t.addColumns(IntColumn.create("arch_index", indices),
                StringColumn.create("arch_str", Arrays.stream(indices).mapToObj(config.space()::archString).toList()));
        if (config.space() == BenchmarkSpace.NB201) {
            BooleanColumn connected = BooleanColumn.create("connected", indices.length);
            for (int i = 0; i < indices.length; i++) {
                connected.set(i, config.space().isConnected(indices[i]));
            }
            t.addColumns(connected);
        }
        scores.forEach((name, v) -> t.addColumns(DoubleColumn.create(name, v)));
        for (String target : config.space().targets()) {
            t.addColumns(DoubleColumn.create(target, accuracies(indices, target)));
        }
        return t;
    }

    private ProxySummary summarize(String proxy, double[] x, double[] y, double secondsPerArch, int computed,
            int cached, int failed) {
        int n = Correlations.count(x, y, PairFilter.DROP_NAN);
        long s = config.seed();
        ConfidenceInterval rho = interval(x, y, Correlations::spearman, s + 1);
        ConfidenceInterval tau = interval(x, y, Correlations::kendall, s + 2);
        ConfidenceInterval r = interval(x, y, Correlations::pearson, s + 3);
        double p10 = Double.NaN;
        double top10Acc = Double.NaN;
        double[][] kept = keepNonNan(x, y);
        if (kept[0].length >= 10) {
            int k = (int) Math.ceil(0.1 * kept[0].length);
            p10 = TopK.precisionAtK(kept[0], kept[1], k);
            top10Acc = TopK.meanAccuracyOfTop(kept[0], kept[1], k);
        }
        return new ProxySummary(proxy, config.space().id(), config.dataset().id(), config.target(), n, rho, tau, r,
                p10, top10Acc, secondsPerArch, computed, cached, failed);
    }

    /** ρ(a) − ρ(b) over the architectures where a, b and the target all have a value (paired bootstrap). */
    private PairedDifference difference(String nameA, String nameB, double[] a, double[] b, double[] y) {
        double[][] kept = keepNonNan(a, b, y);
        double[] ka = kept[0];
        double[] kb = kept[1];
        double[] ky = kept[2];
        int n = ky.length;
        double estimate = Correlations.spearman(ka, ky) - Correlations.spearman(kb, ky);
        ConfidenceInterval ci = config.bootstrapResamples() == 0 || n < 3
                ? new ConfidenceInterval(estimate, Double.NaN, Double.NaN, 0.95, 0)
                : Bootstrap.difference(ka, kb, ky, Correlations::spearman,
                        Bootstrap.affordableResamples(config.bootstrapResamples(), n), 0.95, config.seed() + 4);
        return new PairedDifference(nameA, nameB, n, ci);
    }

    private ConfidenceInterval interval(double[] x, double[] y, ToDoubleBiFunction<double[], double[]> stat,
            long seed) {
        if (config.bootstrapResamples() == 0) {
            return new ConfidenceInterval(stat.applyAsDouble(x, y), Double.NaN, Double.NaN, 0.95, 0);
        }
        int resamples = Bootstrap.affordableResamples(config.bootstrapResamples(), x.length);
        return Bootstrap.interval(x, y, stat, resamples, 0.95, seed);
    }

    /** The rows of {@code columns} where none is NaN, as new columns. */
    private static double[][] keepNonNan(double[]... columns) {
        int n = 0;
        int length = columns[0].length;
        double[][] kept = new double[columns.length][length];
        for (int i = 0; i < length; i++) {
            boolean complete = true;
            for (double[] c : columns) {
                complete &= !Double.isNaN(c[i]);
            }
            if (complete) {
                for (int k = 0; k < columns.length; k++) {
                    kept[k][n] = columns[k][i];
                }
                n++;
            }
        }
        for (int k = 0; k < columns.length; k++) {
            kept[k] = Arrays.copyOf(kept[k], n);
        }
        return kept;
    }

    /** Throttled progress lines: "[zen nb201/cifar10] 120/1000 scored (+35 cached), 2.1 arch/s, ETA 7m00s". */
    private final class Progress {
        private final String proxy;
        private final int total;
        private final int cached;
        private final AtomicInteger done = new AtomicInteger();
        private final long start = System.nanoTime();
        private final AtomicLong lastPrint = new AtomicLong(System.nanoTime());
        private long peakRss = -1;
        private long firstRss = -1;

        Progress(String proxy, int total, int cached) {
            this.proxy = proxy;
            this.total = total;
            this.cached = cached;
        }

        void tick() {
            int d = done.incrementAndGet();
            long now = System.nanoTime();
            long last = lastPrint.get();
            if (config.progress() != null && now - last >= config.progressEverySeconds() * 1e9
                    && lastPrint.compareAndSet(last, now)) {
                synchronized (this) {
                    config.progress().println(line(d, now));
                }
            }
        }

        synchronized void done() {
            if (config.progress() != null) {
                config.progress().println(line(done.get(), System.nanoTime()));
            }
        }

        private String line(int d, long now) {
            double secs = (now - start) / 1e9;
            double rate = d / Math.max(secs, 1e-9);
            long eta = rate > 0 ? Math.round((total - d) / rate) : -1;
            long rss = dev.zennas.bench.Soak.rss();
            peakRss = Math.max(peakRss, rss);
            if (firstRss < 0 && d >= Math.max(1, total / 10)) {
                firstRss = rss; // after warm-up: the baseline that "memory stays flat" is judged against
            }
            String memory = rss < 0 ? "" : String.format(", RSS %d MiB (peak %d%s)", rss >> 20, peakRss >> 20,
                    firstRss < 0 ? "" : String.format(", %+.1f %% since 10 %%", 100.0 * (rss - firstRss) / firstRss));
            return String.format("[%s %s/%s] %d/%d scored (+%d cached), %.2f arch/s, elapsed %s, ETA %s%s", proxy,
                    config.space().id(), config.dataset().id(), d, total, cached, rate, fmt(Math.round(secs)),
                    eta < 0 ? "?" : fmt(eta), memory);
        }

        private String fmt(long s) {
            return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                    : String.format("%dm%02ds", s / 60, s % 60);
        }
    }
}
