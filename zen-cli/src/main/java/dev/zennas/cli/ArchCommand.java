package dev.zennas.cli;

import com.google.gson.JsonArray;
import dev.zennas.util.Json;
import com.google.gson.JsonObject;
import dev.zennas.arch.ArchSource;
import dev.zennas.arch.ArchTables;
import dev.zennas.arch.Counts;
import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zen arch info|list}: structures, their counts, and the released nets. */
@Command(name = "arch", mixinStandardHelpOptions = true, description = "Inspect architectures: block tables, params and FLOPs, released ZenNets.",
        subcommands = {ArchCommand.Info.class, ArchCommand.ListNets.class})
public final class ArchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Block table, params and FLOPs (code rule and deployed) of a structure.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SharedOptions.JsonOutput output;

        @Parameters(index = "0", paramLabel = "ARCH", description = "A structure string, a released net name, or @FILE.")
        String arch;

        @Option(names = "--resolution", paramLabel = "R", description = "Input resolution (default: the preset's, else 32).")
        Integer resolution;

        @Option(names = "--classes", paramLabel = "K", description = "Number of classes (default: the preset's, else 10).")
        Integer classes;

        @Option(names = "--se", negatable = true, description = "Count the deployed net with squeeze-excite (default: the preset's, else off).")
        Boolean se;

        @Override
        public Integer call() {
            ArchSource.Resolved r = ArchSource.resolve(arch);
            int res = r.checkedResolution(resolution != null ? resolution : r.defaultResolution());
            int k = classes != null ? classes : r.defaultClasses();
            if (k <= 0) throw new UserError("--classes must be positive, got " + k);
            boolean useSe = se != null ? se : r.defaultSe();
            Counts c = Counts.of(r.structure(), res, k, useSe);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                JsonObject o = ArchTables.json(r, c);
                out.println(Json.print(o));
            } else {
                out.println(r.label() + "  (resolution " + res + ", " + k + " classes" + (useSe ? ", SE" : "") + ")");
                out.println(ArchTables.blocks(c).printAll());
                out.println(ArchTables.summary(c));
                r.released().ifPresent(n -> out.println("published: " + n.paramsM() + "M params, " + n.flopsM()
                        + "M FLOPs, top-1 " + n.top1() + " %"));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The released ZenNets with their published numbers.")
    static final class ListNets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonArray a = new JsonArray();
                for (ReleasedNet n : ReleasedNets.all()) a.add(ArchTables.json(n));
                out.println(Json.print(a));
            } else {
                out.println(ArchTables.released().printAll());
            }
            out.flush();
            return 0;
        }
    }
}
