package dev.zennas.cli;

import dev.zennas.train.EpochStats;
import dev.zennas.train.TrainListener;
import dev.zennas.train.TrainRecipe;
import dev.zennas.train.TrainResult;
import dev.zennas.train.TrainRun;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress of {@code zen train} on the terminal: a step bar per epoch, one line per finished epoch. */
final class TrainProgressBar {
    private TrainProgressBar() {
    }

    /** Runs {@code run} until done or {@code stop}, showing the current epoch's steps on stderr. */
    static TrainResult run(TrainRun run, AtomicBoolean stop) {
        TrainRecipe r = run.spec().recipe();
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
}
