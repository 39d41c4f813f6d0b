package dev.zennas.cli;

import dev.zennas.train.DataSelection;
import dev.zennas.train.TrainListener;
import dev.zennas.train.TrainRecipe;
import dev.zennas.train.ZenAccuracyStudy;
import dev.zennas.util.Json;
import dev.zennas.util.StopSignal;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zen train study SEARCH_DIR}: Zen-Score against trained top-1 over structures of a search population. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Zen-Score vs trained top-1 over N structures spread over a search population's score range:",
                "Kendall tau and Spearman rho with 95%% bootstrap intervals, beside #params and FLOPs.",
                "A short-schedule replication of the paper's 16-network study; resumable (one run per network)."})
final class TrainStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.RunSeed seed;

    @Mixin
    SharedOptions.IntraOpThreads threads;

    @Mixin
    SharedOptions.JsonOutput output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SEARCH_DIR",
            description = "A search run directory (its population); not needed to continue a study in --out DIR.")
    Path searchDir;

    @Option(names = "--nets", paramLabel = "N", defaultValue = "16", description = "Networks (default: ${DEFAULT-VALUE}).")
    int nets;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "basic", description = "Training preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "5", description = "Epochs per network (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "4000", description = "Training records (default: ${DEFAULT-VALUE}, the exact ones).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "M", defaultValue = "1000", description = "Test records (default: ${DEFAULT-VALUE}, the exact ones).")
    int testLimit;

    @Option(names = "--zen-repeats", paramLabel = "R", defaultValue = "8", description = "Zen-Score draws per network (default: ${DEFAULT-VALUE}).")
    int zenRepeats;

    @Option(names = "--out", paramLabel = "DIR", description = "Study directory (default: SEARCH_DIR/zen-vs-accuracy).")
    Path out;

    @Override
    public Integer call() {
        threads.apply();
        var settings = new ZenAccuracyStudy.Settings(nets,
                TrainRecipe.preset(preset).withEpochs(epochs), new DataSelection("cifar10", trainLimit, testLimit, false),
                seed.seed, zenRepeats);
        if (searchDir == null && out == null) {
            throw new UserError("give a search run directory to start a study, or --out DIR to continue one");
        }
        Path dir = out != null ? out : searchDir.resolve("zen-vs-accuracy");
        boolean fixed = Files.isRegularFile(dir.resolve(ZenAccuracyStudy.NETWORKS));
        if (!fixed && searchDir == null) {
            throw new UserError(dir + " holds no study yet; give the search run directory to start one");
        }
        var population = fixed ? null : ZenAccuracyStudy.population(searchDir);
        PrintWriter w = spec.commandLine().getOut();
        ZenAccuracyStudy.Result r;
        try (StopSignal stop = StopSignal.install("zen-study-stop")) {
            r = ZenAccuracyStudy.run(population, settings, dir, new TrainListener() {
                @Override
                public void onNote(String message) {
                    if (!output.json) System.err.println("zen train study: " + message);
                }
            }, stop.flag());
        }
        if (output.json) {
            w.println(Json.print(ZenAccuracyStudy.toJson(r)));
        } else {
            w.println(ZenAccuracyStudy.table(r).print());
            w.println(ZenAccuracyStudy.correlationTable(r).print());
            w.printf(Locale.ROOT, "%d of %d networks, %.0f s; %s%n", r.rows().size(), nets, r.seconds(),
                    r.rows().size() == nets ? "results in " + dir.resolve("study.json") : "stopped: run the same command to continue");
        }
        w.flush();
        return 0;
    }
}
