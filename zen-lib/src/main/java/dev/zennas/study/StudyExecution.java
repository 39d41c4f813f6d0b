package dev.zennas.study;

import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.scoring.LocalExecutor;
import dev.zennas.scoring.ScoringExecutor;
import dev.zennas.scoring.ScoringExecutors;
import dev.zennas.scoring.ScoringRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How this run executes a {@link StudyConfig}: where the scores are computed and cached, where the tables and the
 * progress lines go. None of it changes a score: each architecture's value depends on the config alone (its own
 * derived seed), so a study resumed on another executor or with another thread count reads and extends the same
 * cache. Build both with {@link CorrelationStudy#builder()}.
 *
 * @param threads worker threads of the local pool (each scores one architecture at a time)
 * @param cacheDir score cache directory
 * @param outDir where {@link StudyResult#write} puts the tables; null = do not write
 * @param customProxies proxy instances by name, used before the registry (tests, notebooks)
 * @param progress where progress lines go; null = silent
 * @param progressEverySeconds minimum time between progress lines
 * @param executor which {@link ScoringExecutor} kind computes the missing scores ({@link ScoringExecutors}; default
 *     {@code local}, the thread pool of this JVM). Proxy instances ({@code customProxies}) cannot travel: they need
 *     {@code local}.
 * @param executorOptions the executor's options (e.g. a cluster's master URL); empty for {@code local}
 */
public record StudyExecution(int threads, Path cacheDir, Path outDir, Map<String, ZeroShotProxy> customProxies,
        PrintStream progress, double progressEverySeconds, String executor, Map<String, String> executorOptions) {

    /** Default cache directory (git-ignored). */
    public static final Path DEFAULT_CACHE = Path.of(".zen-cache", "scores");

    public StudyExecution {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        cacheDir = cacheDir == null ? DEFAULT_CACHE : cacheDir;
        customProxies = customProxies == null ? Map.of() : Map.copyOf(customProxies);
        executor = executor == null ? LocalExecutor.NAME : executor.strip().toLowerCase(Locale.ROOT);
        if (!ScoringExecutors.names().contains(executor)) {
            throw new IllegalArgumentException("unknown scoring executor '" + executor + "' (available: "
                    + String.join(", ", ScoringExecutors.names()) + ")");
        }
        executorOptions = executorOptions == null ? Map.of() : Map.copyOf(executorOptions);
        if (!customProxies.isEmpty() && !executor.equals(LocalExecutor.NAME)) {
            throw new IllegalArgumentException("proxy instances " + customProxies.keySet() + " run on the local"
                    + " executor only; register them by name to score elsewhere");
        }
    }

    /** The same execution without writing tables (a study run as part of another, e.g. one seed of several). */
    public StudyExecution withoutOutDir() {
        return new StudyExecution(threads, cacheDir, null, customProxies, progress, progressEverySeconds, executor,
                executorOptions);
    }

    /**
     * The settings every score is computed with: {@code threads} workers, each running the Zen-Score's two passes on
     * its own thread — one score per worker already fills the cores, and a second pass thread would change the
     * values in the last bits (see {@link ExecutionSettings.Passes#SEQUENTIAL}), so every study keeps this choice
     * for the scores it caches. Direct forward and channels-last as everywhere.
     */
    public ExecutionSettings settings() {
        return ExecutionSettings.defaults().withThreads(threads).withPasses(ExecutionSettings.Passes.SEQUENTIAL);
    }

    /**
     * A runner on this execution's executor, reporting to {@code listener}; on the local pool every unit is scored
     * with {@code proxy} (the instance the study resolved: a custom one or the registry's).
     */
    ScoringRunner runner(ZeroShotProxy proxy, ScoringRunner.Listener listener) {
        ScoringExecutor kind = executor.equals(LocalExecutor.NAME) ? new LocalExecutor(name -> proxy)
                : ScoringExecutors.create(executor, executorOptions);
        return new ScoringRunner(kind, settings(), listener);
    }
}
