package dev.zennas.cli;

import dev.zennas.search.FastOptions;
import dev.zennas.search.Presets;
import dev.zennas.search.Scorers;
import dev.zennas.search.SearchMode;
import dev.zennas.search.SearchSettings;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The options of {@code zen search} that override a preset's settings, as a picocli mixin: which fields a run's result
 * depends on, kept apart from how the command runs it (threads, progress, time limit).
 */
final class SearchOptions {
    @Option(names = "--candidates-per-step", paramLabel = "K",
            description = "Candidates generated from one population and scored in parallel; 1 = the official loop (default: 1 in official mode, 2 in fast mode; never derived from --threads, so the thread count cannot change a result). Part of the result; fixed in the ledger.")
    Integer candidatesPerStep;

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations (official 480000).")
    Long iterations;

    @Option(names = "--population", paramLabel = "P", description = "Population size (official 512).")
    Integer population;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (default 0).")
    Long seed;

    @Option(names = "--proxy", paramLabel = "NAME", description = "Fitness proxy (default Zen).")
    String proxy;

    @Option(names = "--mode", paramLabel = "MODE", description = "official or fast (default official).")
    SearchMode mode;

    @Option(names = "--batch", paramLabel = "B", description = "Proxy batch size (official 64).")
    Integer batch;

    @Option(names = "--classes", paramLabel = "K", description = "Classes for the budget and proxy (CIFAR presets: 100 like the scripts).")
    Integer classes;

    @Option(names = "--max-layers", paramLabel = "L", description = "Max layers (0 = none).")
    Integer maxLayers;

    @Option(names = "--budget-params", paramLabel = "P", description = "Code-rule params budget (0 = none).")
    Double budgetParams;

    @Option(names = "--budget-flops", paramLabel = "F", description = "Code-rule FLOPs budget (0 = none).")
    Double budgetFlops;

    @Option(names = "--budget-latency-ms", paramLabel = "MS",
            description = "Absolute latency budget in ms per image on this machine, predicted from its latency table (latency presets default to their released net's latency here).")
    Double budgetLatencyMs;

    @Option(names = "--resolution", paramLabel = "R", description = "Search resolution.")
    Integer resolution;

    @Option(names = "--space", paramLabel = "NAME", description = "Search space: XXBL or IDW_fixfc (default: the preset's).")
    String space;

    @Option(names = "--width-cap", paramLabel = "W", description = "Width cap of mutated widths (XXBL official 2048).")
    Integer widthCap;

    @Option(names = "--initial", paramLabel = "STRUCT", description = "Initial structure F0.")
    String initial;

    @Option(names = "--gamma", paramLabel = "G", description = "Zen-score perturbation (official 0.01).")
    Double gamma;

    @Option(names = "--repeats", paramLabel = "N", description = "Proxy repeats per candidate (official 1).")
    Integer repeats;

    @Option(names = "--snapshot-every", paramLabel = "N", description = "Iterations between snapshots (default 1000).")
    Integer snapshotEvery;

    @Option(names = "--curve-every", paramLabel = "N", description = "Iterations between curve points (default 1000).")
    Integer curveEvery;

    @Option(names = "--screen-batch", paramLabel = "B", description = "Fast mode: screening batch (0 = off, default 16).")
    Integer screenBatch;

    @Option(names = "--early-replaces", paramLabel = "N", description = "Fast mode: block replacements in the early phase (0 = off, default 4).")
    Integer earlyReplaces;

    @Option(names = "--early-iterations", paramLabel = "N", description = "Fast mode: length of the early phase (default 500).")
    Long earlyIterations;

    @Option(names = "--random-init", negatable = true, description = "Fast mode: random start near the budget (default on).")
    Boolean randomInit;

    @Option(names = "--init-fraction", paramLabel = "F", description = "Fast mode: budget fraction of the random start (default 0.8).")
    Double initFraction;

    @Option(names = "--cache", negatable = true, description = "Fast mode: score cache for duplicates (default on).")
    Boolean cache;

    @Option(names = "--tournament", paramLabel = "K", description = "Fast mode: parent = best of K uniform draws (0/1 = uniform as official, default 4).")
    Integer tournament;

    /** Whether an option that fixes the result was given (a resumed run takes those from its ledger). */
    boolean setsTheResult() {
        return iterations != null || population != null || seed != null || proxy != null || mode != null
                || batch != null || classes != null;
    }

    /** The preset's settings with every given option applied (bad input: {@link UserError}). */
    SearchSettings apply(String preset, boolean dryRun, PrintWriter out) {
        SearchSettings.Builder b = Presets.get(preset).toBuilder();
        if (iterations != null) b.iterations = iterations;
        if (population != null) b.population = population;
        if (seed != null) b.seed = seed;
        if (proxy != null) b.proxy = proxy;
        if (mode != null) b.mode = mode;
        if (batch != null) b.proxyBatch = batch;
        // K is part of the result; deriving it from --threads would make results depend on the worker count.
        SearchMode effectiveMode = mode != null ? mode : b.mode;
        b.candidatesPerStep = candidatesPerStep != null ? candidatesPerStep : (effectiveMode == SearchMode.FAST ? 2 : 1);
        if (classes != null) b.numClasses = classes;
        if (maxLayers != null) b.maxLayers = maxLayers;
        if (budgetParams != null) b.maxParams = Math.round(budgetParams);
        if (budgetFlops != null) b.maxFlops = budgetFlops;
        if (resolution != null) b.resolution = resolution;
        if (space != null) b.space = space;
        if (widthCap != null) b.widthCap = widthCap;
        if (initial != null) b.initialStructure = initial;
        if (gamma != null) b.gamma = gamma;
        if (repeats != null) b.repeats = repeats;
        if (snapshotEvery != null) b.snapshotEvery = snapshotEvery;
        if (curveEvery != null) b.curveEvery = curveEvery;
        FastOptions f = b.fast;
        b.fast = new FastOptions(cache != null ? cache : f.cache(), f.cacheSize(), randomInit != null ? randomInit : f.randomInit(),
                initFraction != null ? initFraction : f.initBudgetFraction(), screenBatch != null ? screenBatch : f.screenBatch(),
                earlyReplaces != null ? earlyReplaces : f.earlyReplaces(), earlyIterations != null ? earlyIterations : f.earlyIterations(),
                tournament != null ? tournament : f.tournament());
        if (budgetLatencyMs != null) {
            if (!(budgetLatencyMs >= 0)) throw new UserError("--budget-latency-ms must be >= 0, got " + budgetLatencyMs);
            b.maxLatencyMs = budgetLatencyMs;
        }
        if (b.maxLatencyMs > 0) SearchLatency.attach(b, budgetLatencyMs != null, dryRun, out);
        SearchSettings s = b.build();
        if (!Presets.runnable(s) && !dryRun) {
            throw new UserError("preset " + s.preset() + " has a latency budget (" + s.constraints().maxLatencyMs()
                    + " ms/image) but no latency model; build this machine's table with `zen latency table build`");
        }
        if (!Scorers.exists(s.fitness().proxy())) {
            throw new UserError("unknown proxy '" + s.fitness().proxy() + "' (known: " + String.join(", ", Scorers.names()) + ")");
        }
        return s;
    }
}
