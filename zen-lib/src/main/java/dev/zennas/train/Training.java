package dev.zennas.train;

import dev.zennas.arch.ArchSource;
import dev.zennas.notebook.Progress;
import dev.zennas.util.TorchThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Training in one call, for notebooks and scripts: {@code Training.train("zennet_cifar10_model_size1M_res32",
 * TrainRecipe.quick(), new DataSelection("cifar10", 4000, 1000, false), 0, dir)}. A run already in {@code dir}
 * (same structure) is continued rather than restarted, so re-running a notebook cell costs nothing once it is done.
 */
public final class Training {

    private Training() {
    }

    /** Trains (or continues training) {@code arch} into {@code dir} with a progress line; uses every core. */
    public static TrainResult train(String arch, TrainRecipe recipe, DataSelection data, long seed, Path dir) {
        ArchSource.Resolved a = ArchSource.resolve(arch);
        int threadsBefore = TorchThreads.set(Runtime.getRuntime().availableProcessors());
        try {
            return train(a, recipe, data, seed, dir);
        } finally {
            TorchThreads.set(threadsBefore); // later scoring in the same JVM (a notebook) keeps its own setting
        }
    }

    private static TrainResult train(ArchSource.Resolved a, TrainRecipe recipe, DataSelection data, long seed,
                                     Path dir) {
        TrainRun run = Files.exists(dir.resolve(TrainRun.LEDGER))
                ? TrainRun.resume(dir, a.structure().toString())
                : TrainRun.create(dir, new TrainRun.Spec(a.label(), a.structure().toString(), recipe, data, seed, 32, a.defaultSe()));
        TrainRecipe r = run.spec().recipe();
        try (Progress p = Progress.start("training " + a.label(), r.epochs())) {
            return run.run(new TrainListener() {
                @Override
                public void onEpoch(EpochStats e, int epochs) {
                    p.step(String.format(Locale.ROOT, "epoch %d: loss %.3f, top-1 %.1f %%, %.0f img/s", e.epoch(),
                            e.trainLoss(), e.testTop1(), e.imagesPerSecond()));
                }
            }, new AtomicBoolean());
        }
    }
}
