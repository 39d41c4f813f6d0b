/**
 * Training input for CIFAR: the Zen-NAS training recipe's augmentation (random crop with zero padding, horizontal
 * flip, the AutoAugment CIFAR-10 policy with Pillow's pixel semantics, normalisation, random erasing, label
 * smoothing, mixup), and {@link dev.zennas.train.data.BatchLoader}, which turns a
 * {@link dev.zennas.data.CifarDataset} into reproducible batches.
 *
 * <p>Reproducibility is by construction rather than by replaying a random stream: every random choice draws from a
 * generator seeded by {@link dev.zennas.train.data.Seeds#derive(long, long...)} from the run seed and its position
 * (epoch, position in the epoch, batch index). A batch therefore does not depend on what was computed before it, so
 * resuming at an epoch start, prefetching on background threads, or changing the thread count gives bit-identical
 * batches.
 *
 * <p>Image operations work on {@code byte} images in planar (CHW) order, the layout of the CIFAR files, and reproduce
 * Pillow's integer arithmetic (lookup tables, fixed-point nearest-neighbour affine maps, truncating blends), because
 * the reference recipe runs on Pillow images.
 */
package dev.zennas.train.data;
