package dev.zennas.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param out             the run directory
 * @param label           what was trained (released name, file name or "structure")
 * @param structure       the structure string
 * @param completed       whether every epoch ran (false when stopped early; resume with the same directory)
 * @param epochs          epochs finished
 * @param bestTop1        best test top-1 over the finished epochs (the number the paper reports), in %
 * @param bestEpoch       the epoch that reached it
 * @param finalTop1       test top-1 after the last finished epoch, in %
 * @param imagesPerSecond training throughput over every finished epoch
 * @param seconds         wall time of training and evaluation over all sessions of the run
 * @param history         one row per finished epoch
 */
public record TrainResult(Path out, String label, String structure, boolean completed, int epochs, double bestTop1,
                          int bestEpoch, double finalTop1, double imagesPerSecond, double seconds,
                          List<EpochStats> history) {
}
