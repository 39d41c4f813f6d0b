package dev.zennas.train;

/** Progress of a training run (the CLI draws a bar from it, notebooks a progress line). Default methods do nothing. */
public interface TrainListener {

    /** Called after every step. */
    default void onStep(int epoch, int step, int steps, double loss, double imagesPerSecond) {
    }

    /** Called after every epoch's evaluation. */
    default void onEpoch(EpochStats stats, int epochs) {
    }

    /** Called with one-line notes (resumed from…, checkpoint written…). */
    default void onNote(String message) {
    }

    /** A listener that ignores everything. */
    TrainListener SILENT = new TrainListener() {
    };
}
