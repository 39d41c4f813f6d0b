package dev.zennas.study;

import dev.zennas.data.NasBenchData;
import dev.zennas.data.NaslibZcRow;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.scoring.LocalExecutor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fluent builder of a {@link CorrelationStudy}: what it computes ({@link StudyConfig}) and how this run executes it
 * ({@link StudyExecution}) in one chain, from {@link CorrelationStudy#builder()}. Defaults are the official ones: all
 * architectures, seed 0, batch 64, 1 repeat, 1,000 bootstrap resamples; every core, the default cache, no tables
 * written, silent.
 *
 * <pre>{@code
 * StudyResult r = CorrelationStudy.builder().space(BenchmarkSpace.NB201).proxies("zen", "params").sample(1000)
 *         .threads(2).progress(System.out).run();
 * }</pre>
 */
public final class StudyBuilder {
    private BenchmarkSpace space = BenchmarkSpace.NB201;
    private BenchmarkDataset dataset = BenchmarkDataset.CIFAR10;
    private final List<String> proxies = new ArrayList<>();
    private int sample;
    private int[] archIndices;
    private long seed;
    private int batchSize = 64;
    private int repeats = 1;
    private String target;
    private int bootstrapResamples = 1000;
    private boolean shareEquivalent;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Path cacheDir;
    private Path outDir;
    private final Map<String, ZeroShotProxy> custom = new LinkedHashMap<>();
    private PrintStream progress;
    private double progressEverySeconds = 5;
    private String executor = LocalExecutor.NAME;
    private Map<String, String> executorOptions = Map.of();

    StudyBuilder() {
    }

    // ---- what is computed ------------------------------------------------------------------------------------------

    public StudyBuilder space(BenchmarkSpace v) {
        space = v;
        return this;
    }

    public StudyBuilder dataset(BenchmarkDataset v) {
        dataset = v;
        return this;
    }

    /** Adds proxies by name. */
    public StudyBuilder proxies(String... names) {
        proxies.addAll(Arrays.asList(names));
        return this;
    }

    /** Adds proxies by name. */
    public StudyBuilder proxies(List<String> names) {
        proxies.addAll(names);
        return this;
    }

    /**
     * Adds a proxy instance: its {@link ZeroShotProxy#name()} joins the proxies computed, the instance the proxies
     * this run uses for that name (before the registry's).
     */
    public StudyBuilder proxy(ZeroShotProxy p) {
        custom.put(p.name(), p);
        proxies.add(p.name());
        return this;
    }

    /** Number of sampled architectures; 0 = all. */
    public StudyBuilder sample(int v) {
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
    public StudyBuilder sample(String spec) {
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

    public StudyBuilder archIndices(int... v) {
        archIndices = v;
        return this;
    }

    public StudyBuilder archIndices(List<Integer> v) {
        archIndices = v.stream().mapToInt(Integer::intValue).toArray();
        return this;
    }

    public StudyBuilder seed(long v) {
        seed = v;
        return this;
    }

    public StudyBuilder batchSize(int v) {
        batchSize = v;
        return this;
    }

    public StudyBuilder repeats(int v) {
        repeats = v;
        return this;
    }

    public StudyBuilder target(String v) {
        target = v;
        return this;
    }

    public StudyBuilder bootstrapResamples(int v) {
        bootstrapResamples = v;
        return this;
    }

    /** NB201: one draw per class of equivalent cells for the proxies that allow it (see {@link StudyConfig}). */
    public StudyBuilder shareEquivalent(boolean v) {
        shareEquivalent = v;
        return this;
    }

    // ---- how this run executes it ----------------------------------------------------------------------------------

    public StudyBuilder threads(int v) {
        threads = v;
        return this;
    }

    public StudyBuilder cacheDir(Path v) {
        cacheDir = v;
        return this;
    }

    public StudyBuilder outDir(Path v) {
        outDir = v;
        return this;
    }

    public StudyBuilder progress(PrintStream v) {
        progress = v;
        return this;
    }

    public StudyBuilder progressEverySeconds(double v) {
        progressEverySeconds = v;
        return this;
    }

    /** The executor kind that computes the scores, with its options (default: {@code local}, no options). */
    public StudyBuilder executor(String name, Map<String, String> options) {
        executor = name;
        executorOptions = options;
        return this;
    }

    // ---- results ---------------------------------------------------------------------------------------------------

    /** The study, checked (IllegalArgumentException naming the first bad setting). */
    public CorrelationStudy build() {
        return new CorrelationStudy(new StudyConfig(space, dataset, proxies, sample, archIndices, seed, batchSize,
                repeats, target, bootstrapResamples, shareEquivalent), new StudyExecution(threads, cacheDir, outDir,
                custom, progress, progressEverySeconds, executor, executorOptions));
    }

    /** Builds and runs the study. */
    public StudyResult run() {
        return build().run();
    }
}
