package dev.zennas.cli;

import dev.zennas.arch.ArchSource;
import dev.zennas.train.TrainRun;
import dev.zennas.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zen eval ARCH --weights DIR}: test top-1 of a trained network's saved weights. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Test top-1 of the weights a training run saved (best epoch by default).")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.IntraOpThreads threads;

    @Mixin
    SharedOptions.JsonOutput output;

    @Parameters(index = "0", paramLabel = "ARCH", description = "The trained architecture (must match the run's).")
    String arch;

    @Option(names = "--weights", paramLabel = "DIR", required = true, description = "A training run directory.")
    Path weights;

    @Option(names = "--final", description = "Evaluate the last epoch's weights instead of the best epoch's.")
    boolean last;

    @Option(names = "--test-limit", paramLabel = "M", defaultValue = "0",
            description = "Evaluate on the first M test records (default: the run's own test subset).")
    int testLimit;

    @Override
    public Integer call() {
        if (testLimit < 0) throw new UserError("--test-limit must be >= 0");
        threads.apply();
        String structure = ArchSource.resolve(arch).structure().toString();
        double top1 = TrainRun.evaluateSaved(weights, !last, testLimit, structure);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            var o = new com.google.gson.JsonObject();
            Json.put(o, "top1", top1);
            o.addProperty("weights", last ? "final" : "best");
            o.addProperty("run", weights.toString());
            out.println(Json.print(o));
        } else {
            out.printf(Locale.ROOT, "test top-1 %.2f %% (%s weights of %s)%n", top1, last ? "final" : "best-epoch", weights);
        }
        out.flush();
        return 0;
    }
}
