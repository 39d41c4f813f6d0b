package dev.zennas.cli;

import dev.zennas.search.Presets;
import dev.zennas.search.SearchSettings;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zen search presets}. */
@Command(name = "presets", mixinStandardHelpOptions = true, description = "List the search presets (one per official script) with their budgets.")
final class SearchPresetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%-24s %-10s %-6s %-5s %-22s %s%n", "preset", "space", "res", "layers", "budget", "script");
        for (String n : Presets.names()) {
            SearchSettings s = Presets.get(n);
            var c = s.constraints();
            String budget = c.maxParams() > 0 ? "params <= " + c.maxParams()
                    : c.maxFlops() > 0 ? String.format(Locale.ROOT, "FLOPs <= %.0fM", c.maxFlops() / 1e6)
                    : "latency <= " + c.maxLatencyMs() + " ms (V100)";
            w.printf("%-24s %-10s %-6d %-5d %-22s %s%n", n, s.space(), c.resolution(), c.maxLayers(), budget, Presets.script(n));
        }
        w.flush();
        return 0;
    }
}
