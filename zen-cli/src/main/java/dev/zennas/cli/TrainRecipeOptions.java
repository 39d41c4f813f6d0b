package dev.zennas.cli;

import dev.zennas.train.TrainRecipe;
import dev.zennas.train.data.AugmentSettings;
import java.util.Locale;
import picocli.CommandLine.Option;

/** A training recipe preset and the overrides of its fields, as a picocli mixin. */
final class TrainRecipeOptions {

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "basic",
            description = "paper (the official recipe, 1,440 epochs), basic (short runs) or quick (CI) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default: the preset's).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default: the preset's, 64).")
    Integer batch;

    @Option(names = "--lr-per-256", paramLabel = "LR", description = "Learning rate per 256 images (default: the preset's, 0.1).")
    Double lrPer256;

    @Option(names = "--warmup-epochs", paramLabel = "W", description = "Linear warm-up epochs (default: the preset's).")
    Double warmup;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "Weight decay on conv/linear weights (default: the preset's, 5e-4).")
    Double weightDecay;

    @Option(names = "--bn-momentum", paramLabel = "M", description = "BN momentum, PyTorch convention (default: the preset's, 0.01).")
    Double bnMomentum;

    @Option(names = "--bn-recalibration", paramLabel = "K",
            description = "Re-estimate BN statistics on K training batches before each evaluation (default: the preset's; 0 = off).")
    Integer bnRecalibration;

    @Option(names = "--mixup", negatable = true, description = "Mixup on every batch (default: the preset's).")
    Boolean mixup;

    @Option(names = "--autoaugment", negatable = true, description = "AutoAugment's CIFAR-10 policy (default: the preset's).")
    Boolean autoAugment;

    @Option(names = "--random-erasing", negatable = true, description = "Random erasing, p 0.5 (default: the preset's).")
    Boolean erasing;

    @Option(names = "--label-smoothing", paramLabel = "EPS", description = "Label smoothing (default: the preset's, 0.1).")
    Double labelSmoothing;

    @Option(names = "--layout", paramLabel = "channels-last|nchw", description = "Activation memory layout (default: channels-last).")
    String layout;

    /** The preset with every override given. */
    TrainRecipe recipe() {
        TrainRecipe r = TrainRecipe.preset(preset);
        if (epochs != null) r = r.withEpochs(epochs);
        if (batch != null) r = r.withBatchSize(batch);
        if (lrPer256 != null) r = r.withLrPer256(lrPer256);
        if (warmup != null) r = r.withWarmupEpochs(warmup);
        if (weightDecay != null) r = r.withWeightDecay(weightDecay);
        if (bnMomentum != null) r = r.withBnMomentum(bnMomentum);
        if (bnRecalibration != null) r = r.withBnRecalibration(bnRecalibration);
        if (layout != null) {
            switch (layout.toLowerCase(Locale.ROOT)) {
                case "channels-last", "nhwc" -> r = r.withChannelsLast(true);
                case "nchw" -> r = r.withChannelsLast(false);
                default -> throw new UserError("--layout must be channels-last or nchw, got '" + layout + "'");
            }
        }
        AugmentSettings a = r.augment();
        if (mixup != null || autoAugment != null || erasing != null || labelSmoothing != null) {
            a = new AugmentSettings(a.randomCrop(), a.cropPadding(), a.horizontalFlip(),
                    autoAugment != null ? autoAugment : a.autoAugment(),
                    erasing != null ? erasing : a.randomErasing(),
                    erasing != null && erasing && a.erasingProbability() == 0 ? 0.5 : a.erasingProbability(),
                    labelSmoothing != null ? labelSmoothing : a.labelSmoothing(),
                    mixup != null ? mixup : a.mixup(),
                    mixup != null && mixup && !(a.mixupAlpha() > 0) ? 0.2 : a.mixupAlpha());
            r = r.withAugment(a);
        }
        return r;
    }
}
