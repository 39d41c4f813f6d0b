package dev.zennas.cli;

import dev.zennas.util.TorchThreads;
import dev.zennas.arch.ArchSource;
import dev.zennas.train.DataSelection;
import dev.zennas.train.EpochStats;
import dev.zennas.train.TrainListener;
import dev.zennas.train.TrainRecipe;
import dev.zennas.train.TrainReport;
import dev.zennas.train.TrainResult;
import dev.zennas.train.TrainRun;
import dev.zennas.train.data.AugmentSettings;
import dev.zennas.util.StopSignal;
import dev.zennas.util.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zen train ARCH}: trains a network on CIFAR with a recipe preset, resumably; {@code zen train report DIR}. */
@Command(name = "train", mixinStandardHelpOptions = true, subcommands = {TrainCommand.Report.class, TrainCommand.Study.class, TrainExportCommand.class},
        description = {"Train an architecture on CIFAR-10/100 (deployed network: residual links) and report test top-1.",
                "Resumable: kill it at any moment and continue with --resume DIR; Ctrl-C stops at a step boundary."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ARCH",
            description = "A structure string, a released net name, @FILE, or a search run directory (its best structure).")
    String arch;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "cifar10", description = "cifar10 or cifar100 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "basic",
            description = "paper (the official recipe, 1,440 epochs), basic (short runs) or quick (CI) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default: the preset's).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default: the preset's, 64).")
    Integer batch;

    @Option(names = "--lr-per-256", paramLabel = "LR", description = "Learning rate per 256 images (default: the preset's, 0.1).")
    Double lrPer256;

    @Option(names = "--warmup-epochs", paramLabel = "W", description = "Linear warm-up epochs (default: the preset's).")
    Double warmup;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "Weight decay on conv/linear weights (default: the preset's, 5e-4).")
    Double weightDecay;

    @Option(names = "--bn-momentum", paramLabel = "M", description = "BN momentum, PyTorch convention (default: the preset's, 0.01).")
    Double bnMomentum;

    @Option(names = "--bn-recalibration", paramLabel = "K",
            description = "Re-estimate BN statistics on K training batches before each evaluation (default: the preset's; 0 = off).")
    Integer bnRecalibration;

    @Option(names = "--mixup", negatable = true, description = "Mixup on every batch (default: the preset's).")
    Boolean mixup;

    @Option(names = "--autoaugment", negatable = true, description = "AutoAugment's CIFAR-10 policy (default: the preset's).")
    Boolean autoAugment;

    @Option(names = "--random-erasing", negatable = true, description = "Random erasing, p 0.5 (default: the preset's).")
    Boolean erasing;

    @Option(names = "--label-smoothing", paramLabel = "EPS", description = "Label smoothing (default: the preset's, 0.1).")
    Double labelSmoothing;

    @Option(names = "--layout", paramLabel = "channels-last|nchw", description = "Activation memory layout (default: channels-last).")
    String layout;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
            description = "Train on the first N records (0 = all 50,000; records 0-3999 are exact, the rest JPEG-degraded).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "M", defaultValue = "0",
            description = "Test on the first M records (0 = all 10,000; records 0-999 are exact).")
    int testLimit;

    @Option(names = "--balanced", description = "With --train-limit: a seeded class-balanced subset instead of the first N.")
    boolean balanced;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "libtorch intra-op threads (default: all cores).")
    Integer threads;

    @Option(names = "--se", description = "Squeeze-and-excitation in the residual branches (default: the released net's).")
    Boolean se;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/train-LABEL-SEED).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR (its ledger fixes every setting).")
    Path resume;

    @Option(names = "--checkpoint-minutes", paramLabel = "MIN", defaultValue = "10",
            description = "Also checkpoint mid-epoch this often (default: ${DEFAULT-VALUE}; 0 = epoch ends only).")
    double checkpointMinutes;

    @Option(names = "--json", description = "Print one JSON object at the end (no progress bar).")
    boolean json;

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
            TrainRecipe recipe = recipe();
            DataSelection data = new DataSelection(dataset, trainLimit, testLimit, balanced);
            boolean useSe = se != null ? se : a.defaultSe();
            TrainRun.Spec s = new TrainRun.Spec(a.label(), a.structure().toString(), recipe, data, seed, 32, useSe);
            Path dir = this.out != null ? this.out : Path.of("runs", "train-" + safe(a.label()) + "-" + seed);
            run = TrainRun.create(dir, s);
        }
        if (!(checkpointMinutes >= 0)) throw new UserError("--checkpoint-minutes must be >= 0");
        run.checkpointEvery(checkpointMinutes * 60);
        int t = TorchThreads.setRequested(threads);

        TrainRecipe r = run.spec().recipe();
        if (!json) {
            out.printf(Locale.ROOT, "zen train: %s on %s, preset %s, %d epochs, batch %d, lr %.4f, seed %d, %d thread(s) -> %s%n",
                    run.spec().label(), run.spec().data().dataset(), r.preset(), r.epochs(), r.batchSize(), r.peakLr(),
                    run.spec().seed(), t, run.dir());
            out.flush();
        }
        TrainResult result;
        try (StopSignal stop = StopSignal.install("zen-train-stop")) {
            result = json ? run.run(TrainListener.SILENT, stop.flag()) : runWithBar(run, stop.flag(), out);
        }
        if (json) {
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

    private TrainResult runWithBar(TrainRun run, AtomicBoolean stop, PrintWriter out) {
        TrainRecipe r = run.spec().recipe();
        long[] total = {0};
        try (ProgressBar pb = new ProgressBarBuilder().setTaskName("train").setInitialMax(1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).setUnit(" steps", 1).continuousUpdate()
                .build()) {
            return run.run(new TrainListener() {
                @Override
                public void onStep(int epoch, int step, int steps, double loss, double imagesPerSecond) {
                    if (pb.getMax() != steps) {
                        pb.maxHint(steps);
                    }
                    pb.stepTo(step);
                    pb.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d, loss %.3f, %.0f img/s", epoch + 1, r.epochs(),
                            loss, imagesPerSecond));
                }

                @Override
                public void onEpoch(EpochStats e, int epochs) {
                    pb.pause();
                    System.err.printf(Locale.ROOT, "%nepoch %d/%d: loss %.4f, lr %.5f, test top-1 %.2f %%, %.0f s (%.1f img/s)%n",
                            e.epoch(), epochs, e.trainLoss(), e.lr(), e.testTop1(), e.seconds(), e.imagesPerSecond());
                    pb.reset();
                    pb.resume();
                }

                @Override
                public void onNote(String message) {
                    System.err.println("zen train: " + message);
                }
            }, stop);
        }
    }

    private TrainRecipe recipe() {
        TrainRecipe r = TrainRecipe.preset(preset);
        if (epochs != null) r = r.withEpochs(epochs);
        if (batch != null) r = r.withBatchSize(batch);
        if (lrPer256 != null) r = r.withLrPer256(lrPer256);
        if (warmup != null) r = r.withWarmupEpochs(warmup);
        if (weightDecay != null) r = r.withWeightDecay(weightDecay);
        if (bnMomentum != null) r = r.withBnMomentum(bnMomentum);
        if (bnRecalibration != null) r = r.withBnRecalibration(bnRecalibration);
        if (layout != null) {
            switch (layout.toLowerCase(Locale.ROOT)) {
                case "channels-last", "nhwc" -> r = r.withChannelsLast(true);
                case "nchw" -> r = r.withChannelsLast(false);
                default -> throw new UserError("--layout must be channels-last or nchw, got '" + layout + "'");
            }
        }
        AugmentSettings a = r.augment();
        if (mixup != null || autoAugment != null || erasing != null || labelSmoothing != null) {
            a = new AugmentSettings(a.randomCrop(), a.cropPadding(), a.horizontalFlip(),
                    autoAugment != null ? autoAugment : a.autoAugment(),
                    erasing != null ? erasing : a.randomErasing(),
                    erasing != null && erasing && a.erasingProbability() == 0 ? 0.5 : a.erasingProbability(),
                    labelSmoothing != null ? labelSmoothing : a.labelSmoothing(),
                    mixup != null ? mixup : a.mixup(),
                    mixup != null && mixup && !(a.mixupAlpha() > 0) ? 0.2 : a.mixupAlpha());
            r = r.withAugment(a);
        }
        return r;
    }

    private static String safe(String label) {
        String s = label.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    /** {@code zen train report DIR}: the per-epoch table and the curves of a run. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Per-epoch table (loss, lr, test top-1, speed) and curves of a training run; writes report.html and PNGs into DIR.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "A training run directory.")
        Path dir;

        @Option(names = "--no-png", description = "Skip the PNG plots (they need Chromium).")
        boolean noPng;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TrainReport.Written w = TrainReport.write(dir, !noPng);
            out.println(w.table());
            out.println("wrote " + w.html() + (w.pngs().isEmpty() ? "" : " and " + w.pngs()));
            out.flush();
            return 0;
        }
    }

    /** {@code zen train study SEARCH_DIR}: Zen-Score against trained top-1 over structures of a search population. */
    @Command(name = "study", mixinStandardHelpOptions = true,
            description = {"Zen-Score vs trained top-1 over N structures spread over a search population's score range:",
                    "Kendall tau and Spearman rho with 95%% bootstrap intervals, beside #params and FLOPs.",
                    "A short-schedule replication of the paper's 16-network study; resumable (one run per network)."})
    static final class Study implements Callable<Integer> {
        @Spec
        CommandSpec spec;

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

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Run seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "T", description = "libtorch intra-op threads (default: all cores).")
        Integer threads;

        @Option(names = "--out", paramLabel = "DIR", description = "Study directory (default: SEARCH_DIR/zen-vs-accuracy).")
        Path out;

        @Option(names = "--json", description = "Print one JSON object at the end.")
        boolean json;

        @Override
        public Integer call() {
            TorchThreads.setRequested(threads);
            var settings = new dev.zennas.train.ZenAccuracyStudy.Settings(nets,
                    TrainRecipe.preset(preset).withEpochs(epochs), new DataSelection("cifar10", trainLimit, testLimit, false),
                    seed, zenRepeats);
            if (searchDir == null && out == null) {
                throw new UserError("give a search run directory to start a study, or --out DIR to continue one");
            }
            Path dir = out != null ? out : searchDir.resolve("zen-vs-accuracy");
            boolean fixed = Files.isRegularFile(dir.resolve(dev.zennas.train.ZenAccuracyStudy.NETWORKS));
            if (!fixed && searchDir == null) {
                throw new UserError(dir + " holds no study yet; give the search run directory to start one");
            }
            var population = fixed ? null : dev.zennas.train.ZenAccuracyStudy.population(searchDir);
            PrintWriter w = spec.commandLine().getOut();
            dev.zennas.train.ZenAccuracyStudy.Result r;
            try (StopSignal stop = StopSignal.install("zen-study-stop")) {
                r = dev.zennas.train.ZenAccuracyStudy.run(population, settings, dir, new TrainListener() {
                    @Override
                    public void onNote(String message) {
                        if (!json) System.err.println("zen train study: " + message);
                    }
                }, stop.flag());
            }
            if (json) {
                w.println(Json.print(dev.zennas.train.ZenAccuracyStudy.toJson(r)));
            } else {
                w.println(dev.zennas.train.ZenAccuracyStudy.table(r).print());
                w.println(dev.zennas.train.ZenAccuracyStudy.correlationTable(r).print());
                w.printf(Locale.ROOT, "%d of %d networks, %.0f s; %s%n", r.rows().size(), nets, r.seconds(),
                        r.rows().size() == nets ? "results in " + dir.resolve("study.json") : "stopped: run the same command to continue");
            }
            w.flush();
            return 0;
        }
    }
}
