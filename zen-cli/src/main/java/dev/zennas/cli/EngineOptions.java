package dev.zennas.cli;

import dev.zennas.scoring.LocalExecutor;
import dev.zennas.scoring.ScoringExecutor;
import dev.zennas.scoring.ScoringExecutors;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --engine} and {@code --master}: which scoring executor computes a command's work units. {@code local} (the
 * default) is this JVM's worker pool; other kinds come from modules on the class path, found by name
 * ({@link ScoringExecutors}) — {@code spark} from zen-spark, which the launcher adds once it is built.
 */
public final class EngineOptions {
    /** The kind zen-spark provides. */
    static final String SPARK = "spark";

    @Option(names = "--engine", defaultValue = LocalExecutor.NAME, paramLabel = "NAME",
            description = "Where scores are computed: local (worker threads in this JVM; default) or spark (Apache "
                    + "Spark, needs zen-spark: ./zen build spark). The scores are the same bit for bit.")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: local[N] (N task threads in this JVM), local[*] (default) or "
                    + "spark://HOST:PORT (a standalone cluster).")
    String master;

    /**
     * The executor kind, checked before any work starts. Bad input is one line and exit 2: a kind that is not on the
     * class path (for spark: how to build it), {@code --master} with the local engine.
     */
    public String name() {
        String name = engine == null ? LocalExecutor.NAME : engine.strip().toLowerCase(Locale.ROOT);
        if (name.equals(LocalExecutor.NAME)) {
            if (master != null) {
                throw new UserError("--master applies to --engine " + SPARK + "; the local engine runs in this JVM");
            }
        } else if (!ScoringExecutors.names().contains(name)) {
            throw new UserError(name.equals(SPARK)
                    ? "--engine spark needs the zen-spark module on the class path: build it once with './zen build"
                            + " spark' (or 'mvn -B package -DskipTests -pl zen-spark -am'), then rerun"
                    : "unknown --engine '" + engine + "' (available: " + String.join(", ", ScoringExecutors.names())
                            + ")");
        } else {
            // the kind's own check of its options (a malformed master URL), before any work
            ScoringExecutors.create(name, options()).close();
        }
        return name;
    }

    /** A new executor of the chosen kind, checked as {@link #name()} checks it; the caller closes it. */
    public ScoringExecutor create() {
        return ScoringExecutors.create(name(), options());
    }

    /** The executor's options: {@code master} when given. */
    public Map<String, String> options() {
        return master == null ? Map.of() : Map.of("master", master.strip());
    }
}
