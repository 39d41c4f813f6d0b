package dev.zennas.train.data;

/**
 * One batch ready for the network.
 *
 * @param images {@code size * 3 * 32 * 32} normalised floats; NHWC when {@code channelsLast}, else NCHW
 * @param targets {@code size * numClasses} soft targets (after label smoothing and mixup; one-hot without them),
 *     each row summing to 1
 * @param labels the hard label of each image (before mixup), for accuracy
 * @param size number of images
 * @param numClasses classes of the dataset
 * @param channelsLast the layout of {@code images}
 */
public record Batch(float[] images, float[] targets, int[] labels, int size, int numClasses, boolean channelsLast) {
}
