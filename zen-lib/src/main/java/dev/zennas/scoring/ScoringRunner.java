package dev.zennas.scoring;

import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.study.ScoreCache;
import dev.zennas.util.ExitHook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Runs work units for a client (a study, a search, a benchmark): owns the executor and its execution settings, skips
 * what a {@link ScoreCache} already holds and writes every fresh value to it as soon as it exists (so a killed run
 * resumes), reports progress to a {@link Listener}, and on Ctrl-C / SIGTERM starts no further unit while the running
 * ones finish (each is cached).
 *
 * <pre>{@code
 * try (ScoringRunner runner = ScoringRunner.local(ExecutionSettings.defaults().withThreads(2))) {
 *     Map<Long, ScoreResult> fresh = runner.run(units, cache, ScoreResult::studyValue);
 * }
 * }</pre>
 */
public final class ScoringRunner implements AutoCloseable {

    /** What a runner reports while it works; every method may be called from worker threads. */
    public interface Listener {
        /** Before the first unit: how many will be computed and how many were found in the cache. */
        default void started(int toCompute, int cached) {
        }

        /** After each computed unit (a failed one included). */
        default void completed(ScoreResult result) {
        }

        /** Ctrl-C / SIGTERM: the runner is finishing the units in progress. */
        default void stopping() {
        }

        /** After the last unit, or after a stop. */
        default void finished() {
        }
    }

    private final ScoringExecutor executor;
    private final ExecutionSettings execution;
    private final Listener listener;

    /** A runner on {@code executor}; it closes the executor when closed. */
    public ScoringRunner(ScoringExecutor executor, ExecutionSettings execution, Listener listener) {
        this.executor = executor;
        this.execution = execution;
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /** A runner on the local pool with the registry's proxies, reporting nothing. */
    public static ScoringRunner local(ExecutionSettings execution) {
        return new ScoringRunner(new LocalExecutor(), execution, null);
    }

    /** The settings every unit is computed with. */
    public ExecutionSettings execution() {
        return execution;
    }

    /** Computes {@code units}; returns the results in their order. */
    public List<ScoreResult> run(List<WorkUnit> units) {
        listener.started(units.size(), 0);
        try {
            return execute(units, listener::completed);
        } finally {
            listener.finished();
        }
    }

    /**
     * Computes the units whose key {@code cache} does not hold yet, writing each success to it as {@code value} of the
     * result (a failure is reported to the listener and not cached, so the next run retries it). Returns the fresh
     * results by key; the cached ones are the client's to read.
     */
    public Map<Long, ScoreResult> run(List<WorkUnit> units, ScoreCache cache, ToDoubleFunction<ScoreResult> value) {
        List<WorkUnit> missing = new ArrayList<>();
        for (WorkUnit u : units) {
            if (cache.get(Math.toIntExact(u.key())) == null) {
                missing.add(u);
            }
        }
        listener.started(missing.size(), units.size() - missing.size());
        Map<Long, ScoreResult> fresh = new LinkedHashMap<>();
        try {
            if (missing.isEmpty()) {
                return fresh;
            }
            List<ScoreResult> results = execute(missing, r -> {
                if (!r.failed()) {
                    cache.put(Math.toIntExact(r.key()), value.applyAsDouble(r), r.seconds());
                }
                listener.completed(r);
            });
            for (ScoreResult r : results) {
                fresh.put(r.key(), r);
            }
            return fresh;
        } finally {
            listener.finished();
        }
    }

    private List<ScoreResult> execute(List<WorkUnit> units, Consumer<ScoreResult> onResult) {
        try (ExitHook stopCleanly = ExitHook.install("zen-scoring-stop", () -> {
            listener.stopping();
            executor.stop();
        })) {
            return executor.execute(units, execution, onResult);
        }
    }

    @Override
    public void close() {
        executor.close();
    }
}
