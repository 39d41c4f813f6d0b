package dev.zennas.search;

import java.nio.file.Path;

/**
 * A notebook-sized fast-mode search of a preset: the preset's budget, space and initial structure with a short
 * schedule, a small population and a small proxy batch, in a run directory like the command line's. For the official
 * schedule use {@code zen search}.
 */
public final class QuickSearch {

    private QuickSearch() {
    }

    /**
     * Runs {@code iterations} iterations of {@code preset} in fast mode into {@code dir} (a new directory) and returns
     * the finished run. CIFAR presets count their budget with a 10-way classifier, as the released CIFAR nets do.
     */
    public static SearchRun run(String preset, int iterations, int population, int batch, long seed, Path dir) {
        SearchSettings.Builder b = Presets.get(preset).toBuilder();
        b.iterations = iterations;
        b.population = population;
        b.proxyBatch = batch;
        b.mode = SearchMode.FAST;
        b.fast = new FastOptions(true, 100_000, true, 0.8, Math.min(8, batch), 4, Math.max(1, iterations / 5), 0);
        b.numClasses = preset.startsWith("cifar") ? 10 : b.numClasses;
        b.candidatesPerStep = 1;
        b.curveEvery = Math.max(1, iterations / 20);
        b.snapshotEvery = Math.max(1, iterations / 4);
        b.seed = seed;
        SearchRun run = SearchRun.create(dir, b.build());
        run.run(1, null);
        return run;
    }
}
