package dev.zennas.train;

/**
 * The official per-iteration schedule: a linear warm-up over the first {@code W} training samples, then a cosine
 * decay to 0 at {@code S} samples. The position {@code n} is the number of samples seen in the run including the
 * current batch, counted from {@code epoch · N_train} at each epoch start (so with drop_last the few samples an
 * epoch skips do not shift later epochs):
 * <pre>
 *   n &lt; W :  lr = (n + 1) / W · lr0
 *   else   :  lr = lr0 · (1 + cos(π · (n − W + 1) / (S − W))) / 2
 * </pre>
 *
 * @param peakLr        lr0
 * @param warmupSamples W = warm-up epochs · N_train
 * @param totalSamples  S = epochs · N_train
 */
public record LrSchedule(double peakLr, double warmupSamples, double totalSamples) {

    public LrSchedule {
        if (!(peakLr > 0)) throw new IllegalArgumentException("peak lr must be > 0, got " + peakLr);
        if (!(warmupSamples >= 0) || !(totalSamples > warmupSamples)) {
            throw new IllegalArgumentException("need 0 <= warm-up samples < total samples, got " + warmupSamples + ", " + totalSamples);
        }
    }

    /** The schedule of {@code recipe} over a training set of {@code trainSize} images. */
    public static LrSchedule of(TrainRecipe recipe, int trainSize) {
        return new LrSchedule(recipe.peakLr(), recipe.warmupEpochs() * trainSize, (double) recipe.epochs() * trainSize);
    }

    /** Samples seen after step {@code step} (0-based) of epoch {@code epoch}, this step's batch included. */
    public static double samplesSeen(int epoch, int step, int batchSize, int trainSize) {
        return (double) epoch * trainSize + (double) (step + 1) * batchSize;
    }

    /** The learning rate at sample position {@code n}. */
    public double lr(double n) {
        if (n < warmupSamples) {
            return (n + 1) / warmupSamples * peakLr;
        }
        double ratio = Math.min(1.0, (n - warmupSamples + 1) / (totalSamples - warmupSamples));
        return peakLr * (1 + Math.cos(Math.PI * ratio)) / 2;
    }
}
