package dev.zennas.search;

import dev.zennas.budget.Constraints;
import dev.zennas.arch.Structure;
import com.google.gson.annotations.JsonAdapter;
import dev.zennas.proxy.ZenConvention;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.TargetRef;
import dev.zennas.search.mutation.SearchSpace;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of one search run. Everything that influences the result is here (threads are not: results do not
 * depend on them), so the ledger of a run is enough to resume or repeat it.
 *
 * @param preset            preset name the settings started from ({@code custom} when none)
 * @param space             search-space name ({@code XXBL} or {@code IDW_fixfc})
 * @param widthCap          upper clamp of mutated widths (official XXBL: 2048; IDW_fixfc: none = {@link Integer#MAX_VALUE})
 * @param initialStructure  F0, the fixed start of the official scripts (conventions §4.4)
 * @param constraints       budgets, resolution and classes used for counting
 * @param fitness           the proxy and its settings: what a candidate's score is (the candidate is scored at the
 *                          constraints' resolution with their classes, see {@link #target}); stored in ledgers under
 *                          the key {@code fitness} ({@link FitnessJson})
 * @param population        population size N (official 512)
 * @param iterations        iterations T (official 480,000)
 * @param seed              run seed: every random decision derives from it
 * @param mode              official or fast
 * @param candidatesPerStep K candidates generated from the same population and scored in parallel; K = 1 is exactly
 *                          the official sequential loop
 * @param snapshotEvery     iterations between population snapshots
 * @param curveEvery        iterations between score-curve points
 * @param fast              fast-mode options (ignored in official mode)
 */
public record SearchSettings(String preset, String space, int widthCap, String initialStructure, Constraints constraints,
                             @JsonAdapter(FitnessJson.class) ProxySpec fitness, int population, long iterations, long seed, SearchMode mode,
                             int candidatesPerStep, int snapshotEvery, int curveEvery, FastOptions fast) {

    /** The official population size below which F0 is mutated with one replacement (conventions §4.1). */
    public static final int EARLY_POPULATION = 10;

    public SearchSettings {
        if (preset == null || preset.isBlank()) preset = "custom";
        SearchSpace.named(space); // validates the name
        if (widthCap < 8) throw new IllegalArgumentException("width cap must be at least 8, got " + widthCap);
        if (initialStructure == null) throw new IllegalArgumentException("initial structure must be given");
        Structure.parseUnchecked(initialStructure); // validates the grammar (continuity is repaired by mutation)
        if (constraints == null) throw new IllegalArgumentException("constraints must be given");
        if (fitness == null) throw new IllegalArgumentException("fitness must be given");
        if (population < 1) throw new IllegalArgumentException("population must be at least 1, got " + population);
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        if (mode == null) mode = SearchMode.OFFICIAL;
        if (candidatesPerStep < 1) throw new IllegalArgumentException("candidates per step must be at least 1, got " + candidatesPerStep);
        if (snapshotEvery < 1) throw new IllegalArgumentException("snapshot interval must be at least 1, got " + snapshotEvery);
        if (curveEvery < 1) throw new IllegalArgumentException("curve interval must be at least 1, got " + curveEvery);
        if (fast == null) fast = FastOptions.defaults();
    }

    /**
     * Candidate {@code structure} as a scoring target: its no-residual, no-SE network (conventions T3) at the search
     * resolution with the budget's classes.
     */
    public TargetRef target(String structure) {
        return new TargetRef.StructureRef(structure, constraints.resolution(), constraints.numClasses());
    }

    /** The search space with this run's width cap. */
    public SearchSpace searchSpace() {
        return SearchSpace.named(space).withWidthCap(widthCap);
    }

    /** F0 parsed (without the continuity check: the ImageNet latency F0 is inconsistent on purpose). */
    public Structure initial() {
        return Structure.parseUnchecked(initialStructure);
    }

    /** A mutable copy for overrides. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Settings as ordered name → value pairs, for printing. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("preset", preset);
        m.put("mode", mode.name().toLowerCase(Locale.ROOT));
        m.put("space", space + (widthCap == Integer.MAX_VALUE ? " (no width cap)" : " (width cap " + widthCap + ")"));
        m.put("initial structure", initialStructure);
        m.put("resolution", String.valueOf(constraints.resolution()));
        m.put("classes (budget and proxy)", String.valueOf(constraints.numClasses()));
        m.put("max layers", constraints.maxLayers() == 0 ? "none" : String.valueOf(constraints.maxLayers()));
        m.put("params budget (code rule)", constraints.maxParams() == 0 ? "none" : String.valueOf(constraints.maxParams()));
        m.put("FLOPs budget (code rule)", constraints.maxFlops() == 0 ? "none" : String.format(Locale.ROOT, "%.0f", constraints.maxFlops()));
        m.put("latency budget", constraints.maxLatencyMs() == 0 ? "none" : constraints.maxLatencyMs() + " ms/image");
        m.put("proxy", fitness.proxy() + " (batch " + fitness.batchSize() + ", gamma " + fitness.gamma() + ", repeats "
                + fitness.repeats() + ")");
        m.put("population", String.valueOf(population));
        m.put("iterations", String.valueOf(iterations));
        m.put("seed", String.valueOf(seed));
        m.put("candidates per step", String.valueOf(candidatesPerStep));
        m.put("snapshot every", snapshotEvery + " iterations");
        m.put("curve every", curveEvery + " iterations");
        if (mode == SearchMode.FAST) m.put("fast options", fast.toString());
        return m;
    }

    /** The settings as printed before a run: a title naming the official script they follow, then one line each. */
    public String toText() {
        StringBuilder sb = new StringBuilder("search settings (" + Presets.script(preset) + ")");
        describe().forEach((k, v) -> sb.append(System.lineSeparator()).append(String.format("  %-28s %s", k, v)));
        return sb.toString();
    }

    /**
     * Where a run started at {@code started} goes when no directory is given: {@code runs/PRESET-MODE-sSEED-TIME}, so
     * runs of different presets, modes and seeds sort side by side and never collide.
     */
    public Path defaultRunDir(LocalDateTime started) {
        return Path.of("runs", preset + "-" + mode.name().toLowerCase(Locale.ROOT) + "-s" + seed + "-"
                + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** Mutable builder with one field per setting; {@link #build()} validates. */
    public static final class Builder {
        public String preset;
        public String space;
        public int widthCap;
        public String initialStructure;
        public int maxLayers;
        public long maxParams;
        public double maxFlops;
        public double maxLatencyMs;
        /** Predicts candidates' latency when there is a latency budget (not part of the settings' text form). */
        public dev.zennas.budget.LatencyModel latencyModel;
        public int resolution;
        public int numClasses;
        public String proxy;
        public int proxyBatch;
        public double gamma;
        public int repeats;
        public int population;
        public long iterations;
        public long seed;
        public SearchMode mode;
        public int candidatesPerStep;
        public int snapshotEvery;
        public int curveEvery;
        public FastOptions fast;
        /** The fitness the builder started from: its settings without a field here (convention, budgets) are kept. */
        private ProxySpec fitnessBase;

        public Builder() {
            this.preset = "custom";
            this.space = "XXBL";
            this.widthCap = SearchSpace.XXBL_WIDTH_CAP;
            this.gamma = 0.01;
            this.repeats = 1;
            this.proxyBatch = 64;
            this.population = 512;
            this.iterations = 480_000;
            this.mode = SearchMode.OFFICIAL;
            this.candidatesPerStep = 1;
            this.snapshotEvery = 1000;
            this.curveEvery = 1000;
            this.fast = FastOptions.defaults();
        }

        Builder(SearchSettings s) {
            preset = s.preset;
            space = s.space;
            widthCap = s.widthCap;
            initialStructure = s.initialStructure;
            maxLayers = s.constraints.maxLayers();
            maxParams = s.constraints.maxParams();
            maxFlops = s.constraints.maxFlops();
            maxLatencyMs = s.constraints.maxLatencyMs();
            latencyModel = s.constraints.latencyModel();
            resolution = s.constraints.resolution();
            numClasses = s.constraints.numClasses();
            fitnessBase = s.fitness;
            proxy = s.fitness.proxy();
            proxyBatch = s.fitness.batchSize();
            gamma = s.fitness.gamma();
            repeats = s.fitness.repeats();
            population = s.population;
            iterations = s.iterations;
            seed = s.seed;
            mode = s.mode;
            candidatesPerStep = s.candidatesPerStep;
            snapshotEvery = s.snapshotEvery;
            curveEvery = s.curveEvery;
            fast = s.fast;
        }

        public SearchSettings build() {
            return new SearchSettings(preset, space, widthCap, initialStructure,
                    new Constraints(maxLayers, maxParams, maxFlops, maxLatencyMs, resolution, numClasses, latencyModel),
                    fitness(), population, iterations,
                    seed, mode, candidatesPerStep, snapshotEvery, curveEvery, fast);
        }

        /** The proxy at the search resolution (convention A, the default budgets, unless the builder began with others). */
        private ProxySpec fitness() {
            ProxySpec base = fitnessBase != null ? fitnessBase : new ProxySpec(proxy, proxyBatch, resolution, gamma, repeats,
                    ZenConvention.A);
            return base.withProxy(proxy).withBatchSize(proxyBatch).withResolution(resolution).withGamma(gamma)
                    .withRepeats(repeats);
        }
    }
}
