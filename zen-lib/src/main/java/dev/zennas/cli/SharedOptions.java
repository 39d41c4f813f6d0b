package dev.zennas.cli;

import picocli.CommandLine.Option;

/** Option blocks several commands share, as picocli mixins: one spelling, one default, one help line each. */
final class SharedOptions {
    private SharedOptions() {
    }

    /** {@code --json}: the result as one JSON object on stdout. */
    static final class JsonOutput {
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;
    }

    /** {@code --seed}: the run seed every random draw of the command derives from. */
    static final class RunSeed {
        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Run seed: every random draw derives from it (default: ${DEFAULT-VALUE}).")
        long seed;
    }

    /** {@code --repeats}: independent proxy draws per architecture, averaged. */
    static final class ProxyRepeats {
        @Option(names = "--repeats", paramLabel = "N", defaultValue = "1",
                description = "Proxy repeats per architecture, averaged (default: ${DEFAULT-VALUE}).")
        int repeats;
    }
}
