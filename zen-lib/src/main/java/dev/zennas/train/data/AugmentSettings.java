package dev.zennas.train.data;

/**
 * Which parts of the training augmentation are on. The full recipe ({@link #paper()}) is, per image: random crop of
 * 32×32 from the image zero-padded by {@code cropPadding} → horizontal flip with probability 0.5 → AutoAugment
 * CIFAR-10 policy → to [0, 1] floats → per-channel normalisation → random erasing with probability
 * {@code erasingProbability}; then per batch: label smoothing by {@code labelSmoothing}, then mixup with
 * λ ~ Beta({@code mixupAlpha}, {@code mixupAlpha}). Every piece can be switched off on its own, so ablations and
 * tests can isolate it.
 *
 * @param randomCrop random 32×32 crop of the zero-padded image
 * @param cropPadding zero padding on each side before the crop (4 in the recipe); ignored without {@code randomCrop}
 * @param horizontalFlip mirror left-right with probability 0.5
 * @param autoAugment apply one of the 25 sub-policies of the AutoAugment CIFAR-10 policy
 * @param randomErasing erase a random rectangle (to 0 after normalisation) with {@code erasingProbability}
 * @param erasingProbability probability of erasing, in [0, 1]
 * @param labelSmoothing ε in [0, 1): the true class gets 1 − ε + ε/K, every other class ε/K
 * @param mixup mix each batch with a permutation of itself
 * @param mixupAlpha α of the Beta(α, α) mixing weight, positive (0.2 in the recipe)
 */
public record AugmentSettings(boolean randomCrop, int cropPadding, boolean horizontalFlip, boolean autoAugment,
        boolean randomErasing, double erasingProbability, double labelSmoothing, boolean mixup, double mixupAlpha) {

    /** Largest padding accepted: more than the image size would only add black. */
    static final int MAX_PADDING = 32;

    public AugmentSettings {
        if (cropPadding < 0 || cropPadding > MAX_PADDING) {
            throw new IllegalArgumentException("cropPadding must be between 0 and " + MAX_PADDING + ", got "
                    + cropPadding);
        }
        if (!(erasingProbability >= 0 && erasingProbability <= 1)) {
            throw new IllegalArgumentException("erasingProbability must be in [0, 1], got " + erasingProbability);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (mixup && !(mixupAlpha > 0 && Double.isFinite(mixupAlpha))) {
            throw new IllegalArgumentException("mixupAlpha must be a positive finite number when mixup is on, got "
                    + mixupAlpha);
        }
    }

    /** The Zen-NAS CIFAR recipe: crop 4, flip, AutoAugment, erasing 0.5, smoothing 0.1, mixup α = 0.2. */
    public static AugmentSettings paper() {
        return new AugmentSettings(true, 4, true, true, true, 0.5, 0.1, true, 0.2);
    }

    /** The classic light recipe: crop 4, flip, smoothing 0.1; no AutoAugment, erasing or mixup. */
    public static AugmentSettings basic() {
        return new AugmentSettings(true, 4, true, false, false, 0.5, 0.1, false, 0.2);
    }

    /** No augmentation and hard one-hot targets (evaluation, tests). */
    public static AugmentSettings none() {
        return new AugmentSettings(false, 4, false, false, false, 0.5, 0.0, false, 0.2);
    }

    /** A copy with label smoothing set to {@code epsilon}. */
    public AugmentSettings withLabelSmoothing(double epsilon) {
        return new AugmentSettings(randomCrop, cropPadding, horizontalFlip, autoAugment, randomErasing,
                erasingProbability, epsilon, mixup, mixupAlpha);
    }

    /** A copy with mixup switched on or off (α kept). */
    public AugmentSettings withMixup(boolean on) {
        return new AugmentSettings(randomCrop, cropPadding, horizontalFlip, autoAugment, randomErasing,
                erasingProbability, labelSmoothing, on, mixupAlpha);
    }

    /** One line for logs, e.g. {@code crop4 flip autoaugment erase0.5 smooth0.1 mixup0.2}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (randomCrop) {
            sb.append("crop").append(cropPadding).append(' ');
        }
        if (horizontalFlip) {
            sb.append("flip ");
        }
        if (autoAugment) {
            sb.append("autoaugment ");
        }
        if (randomErasing) {
            sb.append("erase").append(erasingProbability).append(' ');
        }
        if (labelSmoothing > 0) {
            sb.append("smooth").append(labelSmoothing).append(' ');
        }
        if (mixup) {
            sb.append("mixup").append(mixupAlpha).append(' ');
        }
        return sb.length() == 0 ? "none" : sb.toString().strip();
    }
}
