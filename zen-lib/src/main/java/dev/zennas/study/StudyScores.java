package dev.zennas.study;

import dev.zennas.data.NasBenchData;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ZenConvention;
import dev.zennas.proxy.ZenScore;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.ScoringRunner;
import dev.zennas.scoring.TargetRef;
import dev.zennas.scoring.WorkUnit;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.nasbench.Nb201Equivalence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The scores of a study, proxy by proxy: read from the {@link ScoreCache} file of (space, dataset or resolution,
 * proxy, settings), the missing ones computed by a {@link ScoringRunner} — each architecture with its own seed
 * ({@link CorrelationStudy#archSeed}), in a shuffled order ({@link CorrelationStudy#workOrder}), on one pool thread per
 * worker with the Zen-Score's two passes on that thread — and, with {@link StudyConfig#shareEquivalent()}, one draw per
 * class of equivalent NB201 cells.
 */
final class StudyScores {

    /** One proxy's column: a value per architecture, how each was obtained, mean seconds per architecture. */
    record Column(double[] values, int computed, int cached, int failed, double secondsPerArch) {
    }

    private final StudyConfig config;
    private final StudyExecution execution;
    /** Proxies that shared draws in this run, with their classes (each level gets its {@code draw_of} column). */
    private final Map<String, Nb201Equivalence.Level> sharingProxies = new LinkedHashMap<>();
    private final Map<Nb201Equivalence.Level, int[]> representatives = new EnumMap<>(Nb201Equivalence.Level.class);

    StudyScores(StudyConfig config, StudyExecution execution) {
        this.config = config;
        this.execution = execution;
    }

    /** The scores of {@code proxy} for {@code indices}. */
    Column score(String proxy, int[] indices) {
        boolean analytic = CorrelationStudy.ANALYTIC.contains(proxy) && !execution.customProxies().containsKey(proxy);
        ZeroShotProxy zsp = analytic ? null : resolve(proxy);
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
            if (execution.progress() != null) {
                execution.progress().printf("[%s] one draw per class of equivalent cells (%s): %d architectures, %d"
                        + " networks%n", proxy, level == Nb201Equivalence.Level.COMPUTED_GRAPH ? "same computed graph"
                        : "same function of the parameters", indices.length, Arrays.stream(source).distinct().count());
            }
        } else if (config.shareEquivalent() && !analytic && execution.progress() != null) {
            execution.progress().printf("[%s] --share-equivalent does not apply: its score is not a function of the"
                    + " computed graph or of the parameters alone; every architecture gets its own draw%n", proxy);
        }
        try (ScoreCache cache = ScoreCache.open(execution.cacheDir(), cacheKey(proxy, analytic), description)) {
            TreeSet<Integer> missing = new TreeSet<>();
            for (int s : source) {
                if (cache.get(s) == null) {
                    missing.add(s);
                }
            }
            Map<Long, Double> fresh = new LinkedHashMap<>();
            if (!missing.isEmpty() && analytic) {
                for (int index : missing) {
                    var cost = config.space().cost(index, config.dataset());
                    double v = proxy.equals("params") ? cost.params() : cost.flopsM();
                    cache.put(index, v, 0);
                    fresh.put((long) index, v);
                }
            } else if (!missing.isEmpty()) {
                int cachedArchs = indices.length - (int) Arrays.stream(source).filter(missing::contains).count();
                int[] order = CorrelationStudy.workOrder(missing.stream().mapToInt(Integer::intValue).toArray(),
                        config.seed());
                fresh = compute(proxy, zsp, order, cachedArchs, cache);
            }
            return column(indices, source, fresh, cache);
        }
    }

    /** Scores {@code order} through the execution's runner, writing each success to {@code cache}. */
    private Map<Long, Double> compute(String proxy, ZeroShotProxy zsp, int[] order, int cachedArchs,
            ScoreCache cache) {
        ProxySettings d = ProxySettings.defaults();
        ProxySpec spec = new ProxySpec(proxy, config.batchSize(), d.resolution(), d.gamma(), config.repeats(),
                ZenConvention.A);
        List<WorkUnit> units = new ArrayList<>();
        for (int index : order) {
            units.add(new WorkUnit(index, TargetRef.benchmark(config.space(), index, config.dataset()), spec,
                    CorrelationStudy.archSeed(config.seed(), index)));
        }
        StudyProgress progress = new StudyProgress(execution.progress(), execution.progressEverySeconds(), proxy,
                config.space().id() + "/" + config.dataset().id(), cachedArchs);
        Map<Long, Double> values = new LinkedHashMap<>();
        try (ScoringRunner runner = execution.runner(zsp, progress)) {
            runner.run(units, cache, ScoreResult::studyValue).forEach((k, r) -> values.put(k, r.studyValue()));
        }
        return values;
    }

    /** Every index's value and how it was obtained; mean seconds over the distinct draws behind them. */
    private static Column column(int[] indices, int[] source, Map<Long, Double> fresh, ScoreCache cache) {
        double[] out = new double[indices.length];
        int[] counts = new int[3]; // computed, cached, failed
        double total = 0;
        int n = 0;
        Set<Integer> timed = new HashSet<>();
        for (int i = 0; i < indices.length; i++) {
            ScoreCache.Entry e = cache.get(source[i]);
            Double v = fresh.get((long) source[i]);
            if (v != null) {
                out[i] = v;
                counts[Double.isNaN(out[i]) && e == null ? 2 : 0]++;
            } else if (e == null) { // Ctrl-C: the runner stopped before this one; the others stay cached
                throw new IllegalStateException("scoring stopped before architecture " + source[i] + " was scored");
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
        return new Column(out, counts[0], counts[1], counts[2], n == 0 ? Double.NaN : total / n);
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

    /** For every NB201 index, the cell whose draw stands for its class at {@code level} (computed once per study). */
    private int[] representatives(Nb201Equivalence.Level level) {
        return representatives.computeIfAbsent(level, l -> Nb201Equivalence.representatives(config.space().size(),
                i -> NasBenchData.nb201().get(i).cell(), l));
    }

    private ZeroShotProxy resolve(String name) {
        ZeroShotProxy custom = execution.customProxies().get(name);
        return custom != null ? custom : Proxies.get(name);
    }

    private String cacheKey(String proxy, boolean analytic) {
        String base = config.space().id() + "_" + scoreDomain(proxy, analytic) + "_"
                + proxy.replaceAll("[^A-Za-z0-9.-]", "-");
        return analytic ? base : base + "_b" + config.batchSize() + "_r" + config.repeats() + "_s" + config.seed();
    }

    /**
     * What a proxy's scores depend on besides the architecture: the dataset, or only the input resolution for the
     * Zen-Score, which reads the pre-GAP features and never the classifier — so CIFAR-10 and CIFAR-100 (both 32×32,
     * the same features network, the same per-architecture seeds) share one set of scores, exactly.
     */
    private String scoreDomain(String proxy, boolean analytic) {
        if (!analytic && !execution.customProxies().containsKey(proxy) && Proxies.get(proxy) instanceof ZenScore) {
            return "res" + config.dataset().resolution();
        }
        return config.dataset().id();
    }

    /**
     * The study's table: index, arch string, NB201 connectivity, one column per proxy, every accuracy definition, and a
     * {@code draw_of} / {@code draw_of_function} column per sharing level used.
     */
    Table table(int[] indices, Map<String, double[]> scores) {
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
            t.addColumns(DoubleColumn.create(target, CorrelationStudy.accuracies(config, indices, target)));
        }
        for (Nb201Equivalence.Level level : new TreeSet<>(sharingProxies.values())) {
            int[] rep = representatives(level);
            t.addColumns(IntColumn.create(level == Nb201Equivalence.Level.COMPUTED_GRAPH ? "draw_of"
                    : "draw_of_function", Arrays.stream(indices).map(i -> rep[i]).toArray()));
        }
        return t;
    }
}
