package dev.zennas.train;

import dev.zennas.train.data.AugmentSettings;
import java.util.List;
import java.util.Locale;

/**
 * How a network is trained: optimiser, schedule, regularisation, augmentation and initialisation, each piece
 * switchable. Three presets; every field can be overridden with a {@code with…} copy.
 *
 * <ul>
 *   <li>{@link #paper()} — the official Zen-NAS CIFAR recipe: 1,440 epochs, batch 64, SGD with Nesterov momentum 0.9,
 *       lr 0.1 per 256 images (0.025 at batch 64), 5 warm-up epochs then cosine to 0 per iteration, weight decay
 *       5e-4 on conv/linear weights only, label smoothing 0.1, mixup (α 0.2) on every batch, AutoAugment's CIFAR-10
 *       policy, random erasing, random crop and flip, BN momentum 0.01 (PyTorch convention), the official
 *       initialisation, no BN re-estimation.</li>
 *   <li>{@link #basic()} — what a short run can learn from: random crop (padding 4) and flip, label smoothing 0.1,
 *       the same optimiser, one warm-up epoch, no mixup/AutoAugment/erasing, 10 epochs, and BN statistics
 *       re-estimated on 16 (augmented) training batches before each evaluation (with momentum 0.01 the running statistics of a
 *       short run lag so far behind the weights that evaluation sits near chance).</li>
 *   <li>{@link #quick()} — {@code basic} cut to 3 epochs, for CI and notebooks.</li>
 * </ul>
 *
 * @param preset               the preset this recipe started from (for ledgers)
 * @param epochs               epochs to train
 * @param batchSize            images per step (drop_last: a partial final batch is skipped)
 * @param lrPer256             learning rate per 256 images; the peak lr is {@code lrPer256 · batch / 256}
 * @param warmupEpochs         linear warm-up length in epochs (may be fractional or 0)
 * @param momentum             SGD momentum
 * @param nesterov             Nesterov momentum (PyTorch's formulation)
 * @param weightDecay          L2 weight decay
 * @param decayWeightsOnly     decay only conv and linear weights (BN γ/β and biases get none), as the official code
 * @param augment              data augmentation and target processing
 * @param bnMomentum           BN momentum in the PyTorch convention (weight of the new batch statistic)
 * @param officialInit         Xavier-normal weights with gain 3.26033 (else PyTorch's default init)
 * @param zeroLastBnGamma      zero γ of the last BN inside every residual branch (the official init does)
 * @param bnRecalibration      training batches used to re-estimate BN statistics before each evaluation (0 = off)
 * @param channelsLast         keep activations channels-last in memory (faster on CPU; the same values up to
 *                             float rounding)
 */
public record TrainRecipe(String preset, int epochs, int batchSize, double lrPer256, double warmupEpochs,
                          double momentum, boolean nesterov, double weightDecay, boolean decayWeightsOnly,
                          AugmentSettings augment, double bnMomentum, boolean officialInit, boolean zeroLastBnGamma,
                          int bnRecalibration, boolean channelsLast) {

    /** The gain of the official Xavier-normal initialisation. */
    public static final double OFFICIAL_GAIN = 3.26033;

    /** Preset names accepted by {@link #preset(String)}. */
    public static final List<String> PRESETS = List.of("paper", "basic", "quick");

    public TrainRecipe {
        if (preset == null || preset.isBlank()) throw new IllegalArgumentException("preset name must not be empty");
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 2) throw new IllegalArgumentException("batch size must be >= 2 (batch norm needs two images), got " + batchSize);
        if (!(lrPer256 > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lrPer256);
        if (!(warmupEpochs >= 0) || warmupEpochs >= epochs) {
            throw new IllegalArgumentException("warm-up epochs must be in [0, epochs), got " + warmupEpochs + " with " + epochs + " epochs");
        }
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (augment == null) throw new IllegalArgumentException("augmentation settings must not be null");
        if (!(bnMomentum > 0 && bnMomentum <= 1)) {
            throw new IllegalArgumentException("BN momentum (PyTorch convention) must be in (0, 1], got " + bnMomentum);
        }
        if (bnRecalibration < 0) throw new IllegalArgumentException("BN re-estimation batches must be >= 0, got " + bnRecalibration);
    }

    /** The official recipe. */
    public static TrainRecipe paper() {
        return new TrainRecipe("paper", 1440, 64, 0.1, 5, 0.9, true, 5e-4, true, AugmentSettings.paper(), 0.01,
                true, true, 0, true);
    }

    /** A short-run recipe without the heavy regularisers. */
    public static TrainRecipe basic() {
        return new TrainRecipe("basic", 10, 64, 0.1, 1, 0.9, true, 5e-4, true, AugmentSettings.basic(), 0.01,
                true, true, 16, true);
    }

    /** {@link #basic()} cut to 3 epochs. */
    public static TrainRecipe quick() {
        return basic().withPreset("quick").withEpochs(3);
    }

    /** A preset by name ({@code paper}, {@code basic}, {@code quick}). */
    public static TrainRecipe preset(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "paper" -> paper();
            case "basic" -> basic();
            case "quick" -> quick();
            default -> throw new IllegalArgumentException("unknown training preset '" + name + "' (use one of " + PRESETS + ")");
        };
    }

    /** Peak learning rate: {@code lrPer256 · batch / 256}. */
    public double peakLr() {
        return lrPer256 * batchSize / 256.0;
    }

    public TrainRecipe withPreset(String v) {
        return new TrainRecipe(v, epochs, batchSize, lrPer256, warmupEpochs, momentum, nesterov, weightDecay,
                decayWeightsOnly, augment, bnMomentum, officialInit, zeroLastBnGamma, bnRecalibration, channelsLast);
    }

    /** A copy with {@code v} epochs; the warm-up is shortened when it would not fit. */
    public TrainRecipe withEpochs(int v) {
        double w = v >= 1 && warmupEpochs >= v ? Math.max(0, v - 1) : warmupEpochs;
        return new TrainRecipe(preset, v, batchSize, lrPer256, w, momentum, nesterov, weightDecay,
                decayWeightsOnly, augment, bnMomentum, officialInit, zeroLastBnGamma, bnRecalibration, channelsLast);
    }

    public TrainRecipe withBatchSize(int v) {
        return new TrainRecipe(preset, epochs, v, lrPer256, warmupEpochs, momentum, nesterov, weightDecay,
                decayWeightsOnly, augment, bnMomentum, officialInit, zeroLastBnGamma, bnRecalibration, channelsLast);
    }

    public TrainRecipe withLrPer256(double v) {
        return new TrainRecipe(preset, epochs, batchSize, v, warmupEpochs, momentum, nesterov, weightDecay,
                decayWeightsOnly, augment, bnMomentum, officialInit, zeroLastBnGamma, bnRecalibration, channelsLast);
    }

    public TrainRecipe withWarmupEpochs(double v) {
        return new TrainRecipe(preset, epochs, batchSize, lrPer256, v, momentum, nesterov, weightDecay,
                decayWeightsOnly, augment, bnMomentum, officialInit, zeroLastBnGamma, bnRecalibration, channelsLast);
    }

    public TrainRecipe withWeightDecay(double v) {
        return new TrainRecipe(preset, epochs, batchSize, lrPer256, warmupEpochs, momentum, nesterov, v,
                decayWeightsOnly, augment, bnMomentum, officialInit, zeroLastBnGamma, bnRecalibration, channelsLast);
    }

    public TrainRecipe withAugment(AugmentSettings v) {
        return new TrainRecipe(preset, epochs, batchSize, lrPer256, warmupEpochs, momentum, nesterov, weightDecay,
                decayWeightsOnly, v, bnMomentum, officialInit, zeroLastBnGamma, bnRecalibration, channelsLast);
    }

    public TrainRecipe withBnMomentum(double v) {
        return new TrainRecipe(preset, epochs, batchSize, lrPer256, warmupEpochs, momentum, nesterov, weightDecay,
                decayWeightsOnly, augment, v, officialInit, zeroLastBnGamma, bnRecalibration, channelsLast);
    }

    public TrainRecipe withBnRecalibration(int v) {
        return new TrainRecipe(preset, epochs, batchSize, lrPer256, warmupEpochs, momentum, nesterov, weightDecay,
                decayWeightsOnly, augment, bnMomentum, officialInit, zeroLastBnGamma, v, channelsLast);
    }

    public TrainRecipe withChannelsLast(boolean v) {
        return new TrainRecipe(preset, epochs, batchSize, lrPer256, warmupEpochs, momentum, nesterov, weightDecay,
                decayWeightsOnly, augment, bnMomentum, officialInit, zeroLastBnGamma, bnRecalibration, v);
    }

    public TrainRecipe withInit(boolean official, boolean zeroGamma) {
        return new TrainRecipe(preset, epochs, batchSize, lrPer256, warmupEpochs, momentum, nesterov, weightDecay,
                decayWeightsOnly, augment, bnMomentum, official, zeroGamma, bnRecalibration, channelsLast);
    }
}
