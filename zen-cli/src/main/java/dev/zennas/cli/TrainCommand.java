package dev.zennas.cli;

import dev.zennas.arch.ArchSource;
import dev.zennas.train.DataSelection;
import dev.zennas.train.TrainListener;
import dev.zennas.train.TrainRecipe;
import dev.zennas.train.TrainResult;
import dev.zennas.train.TrainRun;
import dev.zennas.util.StopSignal;
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

/** {@code zen train ARCH}: trains a network on CIFAR with a recipe preset, resumably; {@code zen train report DIR}. */
@Command(name = "train", mixinStandardHelpOptions = true, subcommands = {TrainReportCommand.class, TrainStudyCommand.class, TrainExportCommand.class},
        description = {"Train an architecture on CIFAR-10/100 (deployed network: residual links) and report test top-1.",
                "Resumable: kill it at any moment and continue with --resume DIR; Ctrl-C stops at a step boundary."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainRecipeOptions recipeOptions;

    @Mixin
    SharedOptions.RunSeed seed;

    @Mixin
    SharedOptions.IntraOpThreads threads;

    @Mixin
    SharedOptions.JsonOutput output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ARCH",
            description = "A structure string, a released net name, @FILE, or a search run directory (its best structure).")
    String arch;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "cifar10", description = "cifar10 or cifar100 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
            description = "Train on the first N records (0 = all 50,000; records 0-3999 are exact, the rest JPEG-degraded).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "M", defaultValue = "0",
            description = "Test on the first M records (0 = all 10,000; records 0-999 are exact).")
    int testLimit;

    @Option(names = "--balanced", description = "With --train-limit: a seeded class-balanced subset instead of the first N.")
    boolean balanced;

    @Option(names = "--se", description = "Squeeze-and-excitation in the residual branches (default: the released net's).")
    Boolean se;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/train-LABEL-SEED).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR (its ledger fixes every setting).")
    Path resume;

    @Option(names = "--checkpoint-minutes", paramLabel = "MIN", defaultValue = "10",
            description = "Also checkpoint mid-epoch this often (default: ${DEFAULT-VALUE}; 0 = epoch ends only).")
    double checkpointMinutes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainRun run;
        if (resume != null) {
            if (this.out != null) {
                throw new UserError("use either --resume DIR or --out DIR, not both");
            }
            String expected = arch == null ? null : ArchSource.resolve(arch).structure().toString();
            run = TrainRun.resume(resume, expected);
        } else {
            if (arch == null) {
                throw new UserError("missing ARCH (a structure string, released name, @FILE or search run directory), or --resume DIR");
            }
            ArchSource.Resolved a = ArchSource.resolve(arch);
            TrainRecipe recipe = recipeOptions.recipe();
            DataSelection data = new DataSelection(dataset, trainLimit, testLimit, balanced);
            boolean useSe = se != null ? se : a.defaultSe();
            TrainRun.Spec s = new TrainRun.Spec(a.label(), a.structure().toString(), recipe, data, seed.seed, 32, useSe);
            Path dir = this.out != null ? this.out : Path.of("runs", "train-" + safe(a.label()) + "-" + seed.seed);
            run = TrainRun.create(dir, s);
        }
        if (!(checkpointMinutes >= 0)) throw new UserError("--checkpoint-minutes must be >= 0");
        run.checkpointEvery(checkpointMinutes * 60);
        int t = threads.apply();

        TrainRecipe r = run.spec().recipe();
        if (!output.json) {
            out.printf(Locale.ROOT, "zen train: %s on %s, preset %s, %d epochs, batch %d, lr %.4f, seed %d, %d thread(s) -> %s%n",
                    run.spec().label(), run.spec().data().dataset(), r.preset(), r.epochs(), r.batchSize(), r.peakLr(),
                    run.spec().seed(), t, run.dir());
            out.flush();
        }
        TrainResult result;
        try (StopSignal stop = StopSignal.install("zen-train-stop")) {
            result = output.json ? run.run(TrainListener.SILENT, stop.flag()) : TrainProgressBar.run(run, stop.flag());
        }
        if (output.json) {
            out.println(Json.print(TrainRun.resultJson(result)));
        } else {
            out.printf(Locale.ROOT, "%s: best top-1 %.2f %% (epoch %d), final %.2f %%, %.1f images/s, %.0f s; %s%n",
                    result.completed() ? "done" : "stopped", result.bestTop1(), result.bestEpoch(), result.finalTop1(),
                    result.imagesPerSecond(), result.seconds(),
                    result.completed() ? "report: zen train report " + run.dir() : "continue: zen train --resume " + run.dir());
        }
        out.flush();
        return 0;
    }

    private static String safe(String label) {
        String s = label.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }
}
