package dev.zennas.study;

import dev.zennas.proxy.Seeds;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.stats.Bootstrap;
import dev.zennas.stats.ConfidenceInterval;
import dev.zennas.stats.Correlations;
import dev.zennas.stats.PairFilter;
import dev.zennas.stats.TopK;
import dev.zennas.util.SplitMix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.MathArrays;
import tech.tablesaw.api.Table;

/**
 * Scores a sample (or all) of a benchmark's architectures with a list of proxies and correlates the scores with
 * the trained accuracies. This class draws the sample and computes the statistics; {@link StudyScores} obtains the
 * scores (cache, scoring runner, shared draws).
 *
 * <ul>
 *   <li><b>Parallel</b>: {@link StudyExecution#threads()} worker threads, each with grad mode off; the engine's
 *       intra-op pool is set to one thread for the run (restored afterwards), because several single-threaded workers
 *       beat one multi-threaded forward on small nets and OpenMP barriers collapse on a loaded machine.</li>
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
    private final StudyExecution execution;

    /** The study {@code config}, run as {@code execution} says. */
    public CorrelationStudy(StudyConfig config, StudyExecution execution) {
        this.config = config;
        this.execution = execution;
    }

    /** A builder of both parts, e.g. {@code CorrelationStudy.builder().proxies("zen").sample(1000).run()}. */
    public static StudyBuilder builder() {
        return new StudyBuilder();
    }

    /** What this study computes. */
    public StudyConfig config() {
        return config;
    }

    /** How this run executes it. */
    public StudyExecution execution() {
        return execution;
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
        return Seeds.mix(Seeds.mix(seed) + SplitMix.GAMMA * (index + 1L));
    }

    /** Runs the study: score (or read from cache), then correlate. */
    public StudyResult run() {
        long start = System.nanoTime();
        int[] indices = indices();
        StudyScores scoring = new StudyScores(config, execution);
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, StudyScores.Column> columns = new LinkedHashMap<>();
        for (String proxy : config.proxies()) {
            StudyScores.Column c = scoring.score(proxy, indices);
            scores.put(proxy, c.values());
            columns.put(proxy, c);
        }
        Table table = scoring.table(indices, scores);
        List<ProxySummary> summaries = new ArrayList<>();
        double[] acc = accuracies(config, indices, config.target());
        for (String proxy : config.proxies()) {
            StudyScores.Column c = columns.get(proxy);
            summaries.add(summarize(proxy, c.values(), acc, c.secondsPerArch(), c.computed(), c.cached(), c.failed()));
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
        if (execution.outDir() != null) {
            result.write(execution.outDir());
        }
        return result;
    }

    /** The accuracies ({@code target} definition) of {@code indices} in the study's space and dataset. */
    static double[] accuracies(StudyConfig config, int[] indices, String target) {
        double[] acc = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            acc[i] = config.space().accuracy(indices[i], config.dataset(), target);
        }
        return acc;
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
}
