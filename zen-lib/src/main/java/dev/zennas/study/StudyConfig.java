package dev.zennas.study;

import dev.zennas.data.NasBenchData;
import dev.zennas.data.NaslibZcRow;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.scoring.LocalExecutor;
import dev.zennas.scoring.ScoringExecutors;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link CorrelationStudy} scores and how. Build with {@link #builder()}.
 *
 * @param space NB201 or NATS-SSS
 * @param dataset which dataset's networks (resolution, classes) and accuracies
 * @param proxies proxy names, in output order ({@code params} and {@code flops} are analytic: no tensors)
 * @param sample number of architectures to draw uniformly without replacement with {@code seed}; 0 = all
 * @param archIndices explicit architecture indices (overrides {@code sample}); null = use {@code sample}
 * @param seed run seed: drives the sample and, per architecture, the proxy's random draws
 * @param batchSize proxy batch size (Zen/Suite-Zero: 64)
 * @param repeats proxy repeats per architecture (averaged)
 * @param target accuracy definition (see {@link BenchmarkSpace#targets()}); null = the space's standard one
 * @param threads worker threads (each runs with one intra-op thread)
 * @param cacheDir score cache directory
 * @param outDir where {@link StudyResult#write} puts the tables; null = do not write
 * @param bootstrapResamples resamples for the 95 % confidence intervals (0 = no intervals; capped at 200 above
 *     2,000 archs, see {@link dev.zennas.stats.Bootstrap#affordableResamples})
 * @param customProxies proxy instances by name, used before the registry (tests, notebooks)
 * @param progress where progress lines go; null = silent
 * @param progressEverySeconds minimum time between progress lines
 * @param shareEquivalent NB201 only: proxies whose score depends only on the computed graph
 *     ({@link ZeroShotProxy#dependsOnlyOnComputedGraph()}: the Zen-Score, NASWOT) score one representative of each class of
 *     equivalent cells ({@link dev.zennas.nasbench.Nb201Equivalence}) and give its score to every member: 6,239
 *     networks instead of 15,625; proxies that depend only on the function of the parameters
 *     ({@link ZeroShotProxy#dependsOnlyOnParameterFunction()}: GradNorm, SynFlow) do the same over its finer
 *     classes (6,594 networks). Off by default: then every architecture gets its own draw, as in NASLib.
 * @param executor which {@link dev.zennas.scoring.ScoringExecutor} kind computes the missing scores
 *     ({@link dev.zennas.scoring.ScoringExecutors}; default {@code local}, the thread pool of this JVM). Scores do not
 *     depend on it. Proxy instances ({@code customProxies}) cannot travel: they need {@code local}.
 * @param executorOptions the executor's options (e.g. a cluster's master URL); empty for {@code local}
 */
public record StudyConfig(BenchmarkSpace space, BenchmarkDataset dataset, List<String> proxies, int sample,
        int[] archIndices, long seed, int batchSize, int repeats, String target, int threads, Path cacheDir,
        Path outDir, int bootstrapResamples, Map<String, ZeroShotProxy> customProxies, PrintStream progress,
        double progressEverySeconds, boolean shareEquivalent, String executor, Map<String, String> executorOptions) {

    /** Default cache directory (git-ignored). */
    public static final Path DEFAULT_CACHE = Path.of(".zen-cache", "scores");

    public StudyConfig {
        if (space == null || dataset == null) {
            throw new IllegalArgumentException("space and dataset are required");
        }
        if (proxies == null || proxies.isEmpty()) {
            throw new IllegalArgumentException("at least one proxy is required");
        }
        proxies = List.copyOf(proxies);
        if (proxies.stream().distinct().count() != proxies.size()) {
            throw new IllegalArgumentException("proxy list has duplicates: " + proxies);
        }
        if (sample < 0) {
            throw new IllegalArgumentException("sample must be >= 0 (0 = all), got " + sample);
        }
        if (archIndices != null) {
            archIndices = archIndices.clone();
            for (int i : archIndices) {
                if (i < 0 || i >= space.size()) {
                    throw new IllegalArgumentException(space.id() + " index out of range: " + i);
                }
            }
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        if (target == null) {
            target = space.defaultTarget();
        } else if (!space.targets().contains(target)) {
            throw new IllegalArgumentException("unknown target '" + target + "' for " + space.id() + "; expected one of "
                    + space.targets());
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (bootstrapResamples < 0) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 0, got " + bootstrapResamples);
        }
        cacheDir = cacheDir == null ? DEFAULT_CACHE : cacheDir;
        customProxies = customProxies == null ? Map.of() : Map.copyOf(customProxies);
        executor = executor == null ? LocalExecutor.NAME : executor.strip().toLowerCase(java.util.Locale.ROOT);
        if (!ScoringExecutors.names().contains(executor)) {
            throw new IllegalArgumentException("unknown scoring executor '" + executor + "' (available: "
                    + String.join(", ", ScoringExecutors.names()) + ")");
        }
        executorOptions = executorOptions == null ? Map.of() : Map.copyOf(executorOptions);
        if (!customProxies.isEmpty() && !executor.equals(LocalExecutor.NAME)) {
            throw new IllegalArgumentException("proxy instances " + customProxies.keySet() + " run on the local"
                    + " executor only; register them by name to score elsewhere");
        }
        if (shareEquivalent && space != BenchmarkSpace.NB201) {
            throw new IllegalArgumentException("sharing draws between equivalent cells applies to nb201 only; every "
                    + space.id() + " architecture is a different network");
        }
    }

    @Override
    public int[] archIndices() {
        return archIndices == null ? null : archIndices.clone();
    }

    /** A builder with the official defaults: all archs, seed 0, batch 64, 1 repeat, all cores, 1000 resamples. */
    public static Builder builder() {
        return new Builder();
    }

    /** Fluent builder. */
    public static final class Builder {
        private BenchmarkSpace space = BenchmarkSpace.NB201;
        private BenchmarkDataset dataset = BenchmarkDataset.CIFAR10;
        private final List<String> proxies = new ArrayList<>();
        private int sample;
        private int[] archIndices;
        private long seed;
        private int batchSize = 64;
        private int repeats = 1;
        private String target;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Path cacheDir;
        private Path outDir;
        private int bootstrapResamples = 1000;
        private final Map<String, ZeroShotProxy> custom = new LinkedHashMap<>();
        private PrintStream progress;
        private double progressEverySeconds = 5;
        private boolean shareEquivalent;
        private String executor = LocalExecutor.NAME;
        private Map<String, String> executorOptions = Map.of();

        public Builder space(BenchmarkSpace v) {
            space = v;
            return this;
        }

        public Builder dataset(BenchmarkDataset v) {
            dataset = v;
            return this;
        }

        /** Adds proxies by name. */
        public Builder proxies(String... names) {
            proxies.addAll(Arrays.asList(names));
            return this;
        }

        /** Adds proxies by name. */
        public Builder proxies(List<String> names) {
            proxies.addAll(names);
            return this;
        }

        /** Adds a proxy instance (registered under its {@link ZeroShotProxy#name()}). */
        public Builder proxy(ZeroShotProxy p) {
            custom.put(p.name(), p);
            proxies.add(p.name());
            return this;
        }

        /** Number of sampled architectures; 0 = all. */
        public Builder sample(int v) {
            sample = v;
            return this;
        }

        /**
         * The sample as a user writes it: a number of architectures (at most the space's size), {@code all}, or
         * {@code naslib} (NB201 only: the NAS-Bench-Suite-Zero subset of the dataset, scored against
         * {@code naslib_acc_s888} unless a target is set); null = all when every proxy is analytic, else 1,000. Reads
         * the space, dataset, proxies and target set so far. The naslib subset is read from the data directory
         * ({@link dev.zennas.data.DataNotFoundException} when absent).
         */
        public Builder sample(String spec) {
            boolean analyticOnly = proxies.stream().allMatch(CorrelationStudy.ANALYTIC::contains);
            String s = spec == null ? (analyticOnly ? "all" : "1000") : spec.strip().toLowerCase(Locale.ROOT);
            if (s.equals("all")) {
                return sample(0);
            }
            if (s.equals("naslib")) {
                if (space != BenchmarkSpace.NB201) {
                    throw new IllegalArgumentException("the naslib sample exists only for nb201");
                }
                archIndices(NasBenchData.naslibZcSubset(dataset).stream().map(NaslibZcRow::archIndex).toList());
                if (target == null) {
                    target("naslib_acc_s888");
                }
                return this;
            }
            int n;
            try {
                n = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalArgumentException("sample must be a positive number, 'all' or 'naslib', got '" + spec
                        + "'");
            }
            return sample(Math.min(n, space.size()));
        }

        public Builder archIndices(int... v) {
            archIndices = v;
            return this;
        }

        public Builder archIndices(List<Integer> v) {
            archIndices = v.stream().mapToInt(Integer::intValue).toArray();
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder repeats(int v) {
            repeats = v;
            return this;
        }

        public Builder target(String v) {
            target = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder cacheDir(Path v) {
            cacheDir = v;
            return this;
        }

        public Builder outDir(Path v) {
            outDir = v;
            return this;
        }

        public Builder bootstrapResamples(int v) {
            bootstrapResamples = v;
            return this;
        }

        public Builder progress(PrintStream v) {
            progress = v;
            return this;
        }

        public Builder progressEverySeconds(double v) {
            progressEverySeconds = v;
            return this;
        }

        /** NB201: one draw per class of equivalent cells for the proxies that allow it (see the record doc). */
        public Builder shareEquivalent(boolean v) {
            shareEquivalent = v;
            return this;
        }

        /** The executor kind that computes the scores, with its options (default: {@code local}, no options). */
        public Builder executor(String name, Map<String, String> options) {
            executor = name;
            executorOptions = options;
            return this;
        }

        public StudyConfig build() {
            return new StudyConfig(space, dataset, proxies, sample, archIndices, seed, batchSize, repeats, target,
                    threads, cacheDir, outDir, bootstrapResamples, custom, progress, progressEverySeconds,
                    shareEquivalent, executor, executorOptions);
        }
    }
}
