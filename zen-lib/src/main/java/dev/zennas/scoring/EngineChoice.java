package dev.zennas.scoring;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which executor kind computes a client's work units, with its options: {@code local} (this JVM's pool, the default)
 * or a kind found by name on the class path ({@link ScoringExecutors}), such as {@code spark} from zen-spark. Data, so
 * a study's configuration can carry it; the client creates the executor when it scores.
 *
 * <pre>{@code
 * StudyConfig.builder().proxies("zen").sample(1000).engine(EngineChoice.spark("local[2]")).build()
 * }</pre>
 *
 * @param name    the kind, lower case
 * @param options kind-specific options (spark: {@code master}, {@code units-per-task})
 */
public record EngineChoice(String name, Map<String, String> options) implements Serializable {

    public EngineChoice {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an engine needs a name, e.g. local or spark");
        }
        name = name.strip().toLowerCase(java.util.Locale.ROOT);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** This JVM's worker pool. */
    public static EngineChoice local() {
        return new EngineChoice(LocalExecutor.NAME, Map.of());
    }

    /** Apache Spark with master {@code master} ({@code local[N]}, {@code spark://HOST:PORT}); needs zen-spark. */
    public static EngineChoice spark(String master) {
        return new EngineChoice("spark", Map.of("master", master));
    }

    /** Whether this is the local pool. */
    public boolean isLocal() {
        return name.equals(LocalExecutor.NAME);
    }

    /** Whether the kind is on the class path. */
    public boolean available() {
        return ScoringExecutors.names().contains(name);
    }

    /** A new executor of this kind (the caller closes it); IllegalArgumentException when the kind is unknown. */
    public ScoringExecutor create() {
        return ScoringExecutors.create(name, options);
    }

    @Override
    public String toString() {
        return options.isEmpty() ? name : name + " " + options;
    }
}
