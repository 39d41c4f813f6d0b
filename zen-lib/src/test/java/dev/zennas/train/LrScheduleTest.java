package dev.zennas.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void warmupIsLinearInSamplesAndCosineEndsAtZero() {
        // 50,000 images, 10 epochs, 1 warm-up epoch, peak 0.025 (batch 64)
        LrSchedule s = new LrSchedule(0.025, 50_000, 500_000);
        assertThat(s.lr(63)).isCloseTo(64.0 / 50_000 * 0.025, within(1e-15));
        assertThat(s.lr(49_999)).isCloseTo(0.025, within(1e-15));
        assertThat(s.lr(50_000)).isCloseTo(0.025 * (1 + Math.cos(Math.PI / 450_000)) / 2, within(1e-15));
        assertThat(s.lr(50_000 + 225_000 - 1)).isCloseTo(0.0125, within(1e-12));
        assertThat(s.lr(499_999)).isCloseTo(0, within(1e-12));
    }

    @Test
    void samplesSeenCountsTheCurrentBatchFromTheEpochStart() {
        // drop_last skips 50,000 mod 64 = 16 images per epoch; epoch 1 still starts at 50,000
        assertThat(LrSchedule.samplesSeen(0, 0, 64, 50_000)).isEqualTo(64);
        assertThat(LrSchedule.samplesSeen(1, 0, 64, 50_000)).isEqualTo(50_064);
        LrSchedule paper = LrSchedule.of(TrainRecipe.paper(), 50_000);
        assertThat(paper.peakLr()).isEqualTo(0.025);
        assertThat(paper.warmupSamples()).isEqualTo(250_000);
        assertThat(paper.totalSamples()).isEqualTo(72_000_000);
    }

    @Test
    void recipesRefuseNonsense() {
        assertThatThrownBy(() -> TrainRecipe.basic().withEpochs(0)).hasMessageContaining("epochs must be >= 1");
        assertThatThrownBy(() -> TrainRecipe.basic().withBatchSize(1)).hasMessageContaining("batch size");
        assertThatThrownBy(() -> TrainRecipe.basic().withWarmupEpochs(10)).hasMessageContaining("warm-up");
        assertThatThrownBy(() -> TrainRecipe.preset("fast")).hasMessageContaining("paper, basic, quick");
        assertThat(TrainRecipe.quick().withEpochs(1).warmupEpochs()).isZero();
        TrainRecipe p = TrainRecipe.paper();
        assertThat(p.epochs()).isEqualTo(1440);
        assertThat(p.augment().mixup()).isTrue();
        assertThat(p.augment().autoAugment()).isTrue();
        assertThat(p.bnRecalibration()).isZero();
        assertThat(TrainRecipe.basic().augment().mixup()).isFalse();
    }
}
