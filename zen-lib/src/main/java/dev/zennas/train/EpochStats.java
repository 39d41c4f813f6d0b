package dev.zennas.train;

/**
 * One finished epoch.
 *
 * @param epoch           1-based epoch number
 * @param trainLoss       mean training loss over the epoch's steps (against the processed targets: smoothing, mixup)
 * @param lr              learning rate of the epoch's last step
 * @param testTop1        test top-1 accuracy in % after the epoch
 * @param seconds         wall time of the epoch's training steps (evaluation excluded)
 * @param imagesPerSecond training images per second over the epoch
 */
public record EpochStats(int epoch, double trainLoss, double lr, double testTop1, double seconds, double imagesPerSecond) {
}
