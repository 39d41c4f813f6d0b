package dev.zennas.scoring;

import dev.zennas.proxy.ExecutionSettings;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs work units somewhere — a local thread pool ({@link LocalExecutor}, name {@code local}), a cluster — and hands
 * back their results. Every implementation computes a unit with {@link Scoring#compute}, so results depend on the
 * units alone, never on the executor or its thread count. Found by name through {@link ScoringExecutors}.
 */
public interface ScoringExecutor extends AutoCloseable {

    /** The name it is found by, e.g. {@code local}. */
    String name();

    /**
     * Scores {@code units}; {@code onResult} receives each result as soon as it exists (from worker threads,
     * possibly concurrently: it must be thread-safe), so a client can cache it before the others finish. Returns the
     * results in the order of {@code units}; after {@link #stop()}, only those that were computed.
     *
     * @throws RuntimeException the first exception of a unit other than a proxy failure (which is a failed result)
     */
    List<ScoreResult> execute(List<WorkUnit> units, ExecutionSettings execution, Consumer<ScoreResult> onResult);

    /** Starts no further unit and waits, bounded, for the running ones; callable from any thread (a shutdown hook). */
    void stop();

    /** Releases the executor's resources (threads, cluster sessions). */
    @Override
    default void close() {
    }
}
