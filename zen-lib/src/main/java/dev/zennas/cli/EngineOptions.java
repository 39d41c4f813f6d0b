package dev.zennas.cli;

import dev.zennas.scoring.EngineChoice;
import dev.zennas.scoring.LocalExecutor;
import dev.zennas.scoring.ScoringExecutors;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --engine} and {@code --master}: where a command's work units are scored. {@code local} (the default) is this
 * JVM's worker pool; other kinds come from modules on the class path, found by name ({@link ScoringExecutors}) —
 * {@code spark} from zen-spark, which the launcher adds once it is built.
 */
public final class EngineOptions {

    @Option(names = "--engine", defaultValue = LocalExecutor.NAME, paramLabel = "NAME",
            description = "Where scores are computed: local (worker threads in this JVM; default) or spark (Apache "
                    + "Spark, needs zen-spark: ./zen build spark). The scores are the same bit for bit.")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: local[N] (N task threads in this JVM), local[*] (default) or "
                    + "spark://HOST:PORT (a standalone cluster).")
    String master;

    /**
     * The engine these options name, checked before any work starts. Bad input is one line and exit 2: an engine
     * that is not on the class path (with how to get it), {@code --master} with the local engine.
     */
    public EngineChoice choice() {
        EngineChoice choice = new EngineChoice(engine == null ? LocalExecutor.NAME : engine,
                master == null ? Map.of() : Map.of("master", master.strip()));
        if (choice.isLocal()) {
            if (master != null) {
                throw new UserError("--master applies to --engine spark; the local engine runs in this JVM");
            }
            return choice;
        }
        if (!choice.available()) {
            if (choice.name().equals("spark")) {
                throw new UserError("--engine spark needs the zen-spark module on the class path: build it once with"
                        + " './zen build spark' (or 'mvn -B package -DskipTests -pl zen-lib,zen-spark'), then rerun");
            }
            throw new UserError("unknown --engine '" + engine + "' (available: "
                    + String.join(", ", ScoringExecutors.names()) + ")");
        }
        choice.create().close(); // the kind's own check of its options (an unknown master scheme fails here)
        return choice;
    }
}
