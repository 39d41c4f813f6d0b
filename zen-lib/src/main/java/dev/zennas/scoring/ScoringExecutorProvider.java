package dev.zennas.scoring;

import java.util.Map;

/**
 * Makes executors of one kind; registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.zennas.scoring.ScoringExecutorProvider}, so a module on the class path (a cluster
 * executor) adds its kind without the library knowing it.
 */
public interface ScoringExecutorProvider {

    /** The kind's name, e.g. {@code local}. */
    String name();

    /** A new executor; {@code options} are kind-specific (e.g. a cluster's master URL), unknown keys refused. */
    ScoringExecutor create(Map<String, String> options);
}
