package dev.zennas.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.arch.Counts;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import dev.zennas.budget.Constraints;
import dev.zennas.budget.LatencyModel;
import dev.zennas.budget.Verdict;
import dev.zennas.search.Presets;
import dev.zennas.search.SearchSettings;
import org.junit.jupiter.api.Test;

class LatencyConstraintsTest {

    /** A stand-in predictor: 1 ms per 100 M code-rule FLOPs. */
    static final LatencyModel BY_FLOPS = (s, res, classes) -> Counts.of(s, res, classes, false).flopsCode() / 1e8;

    @Test
    void aLatencyBudgetIsCheckedWithTheModelAfterTheOtherBudgets() {
        Structure small = Structure.parse(Presets.IMAGENET_FLOPS_INITIAL);
        double ms = BY_FLOPS.msPerImage(small, 224, 1000);
        Constraints c = new Constraints(0, 0, 0, ms * 1.01, 224, 1000, BY_FLOPS);
        assertThat(c.check(small)).isEqualTo(Verdict.ACCEPTED);
        assertThat(c.withMaxLatencyMs(ms * 0.99).check(small)).isEqualTo(Verdict.LATENCY);
        // the official order: layers before latency
        assertThat(new Constraints(2, 0, 0, ms * 0.5, 224, 1000, BY_FLOPS).check(small)).isEqualTo(Verdict.LAYERS);
        assertThat(c.budgetUse(small)).isBetween(0.98, 1.0);
    }

    @Test
    void withoutAModelALatencyBudgetCannotRun() {
        Constraints c = new Constraints(0, 0, 0, 0.5, 224, 1000);
        assertThat(c.checkable()).isFalse();
        assertThatThrownBy(() -> c.check(Structure.parse(Presets.IMAGENET_FLOPS_INITIAL)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("zen latency table build");
        assertThat(Presets.runnable(Presets.get("imagenet-latency-0.5ms"))).isFalse();
        SearchSettings.Builder b = Presets.get("imagenet-latency-0.5ms").toBuilder();
        b.latencyModel = BY_FLOPS;
        assertThat(Presets.runnable(b.build())).isTrue();
        assertThat(b.build().toBuilder().build().constraints().latencyModel()).isSameAs(BY_FLOPS);
    }

    @Test
    void latencyPresetsAdmitTheirReleasedNetsWidths() {
        for (String ms : new String[] {"0.1", "0.2", "0.3", "0.5", "0.8", "1.2"}) {
            String preset = "imagenet-latency-" + ms + "ms";
            String released = Presets.releasedLatencyNet(preset).orElseThrow();
            int cap = Presets.get(preset).widthCap();
            for (var blk : ReleasedNets.get(released).structure().blocks()) {
                assertThat(blk.out()).as(preset).isLessThanOrEqualTo(cap);
                assertThat(blk.bottleneck()).as(preset).isLessThanOrEqualTo(cap);
            }
        }
        assertThat(Presets.get("imagenet-latency-0.3ms").widthCap()).isEqualTo(6704);
    }
}
