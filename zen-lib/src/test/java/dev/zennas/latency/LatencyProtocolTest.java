package dev.zennas.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import dev.zennas.arch.Structure;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

public class LatencyProtocolTest {

    /** A small structure with every kind of block, quick to measure. */
    public static final String SMALL = "SuperConvK3BNRELU(3,8,2,1)SuperResIDWE2K3(8,16,2,16,1)SuperResK1K3K1(16,24,2,8,2)"
            + "SuperConvK1BNRELU(24,32,1,1)";

    static MeasurementProtocol.Builder fixed() {
        return MeasurementProtocol.builder().device("test cpu").threads(1).versions("djl x, libtorch y");
    }

    @Test
    void refusesFewerThanTheMinimumTimedRuns() {
        assertThatThrownBy(() -> fixed().runs(MeasurementProtocol.MIN_RUNS - 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least " + MeasurementProtocol.MIN_RUNS + " timed runs");
        assertThat(fixed().runs(MeasurementProtocol.MIN_RUNS).build().runs()).isEqualTo(MeasurementProtocol.MIN_RUNS);
    }

    @Test
    void refusesOtherPrecisionsAndNonsense() {
        assertThatThrownBy(() -> new MeasurementProtocol("cpu", 1, "FP16", 1, 224, 1000, false,
                MemoryLayout.NCHW, 1, 5, "v", Clock.WALL)).hasMessageContaining("FP32");
        assertThatThrownBy(() -> fixed().threads(2).clock(Clock.CPU).build()).hasMessageContaining("needs --threads 1");
        assertThatThrownBy(() -> fixed().batch(0).build()).hasMessageContaining("batch");
        assertThatThrownBy(() -> fixed().threads(0).build()).hasMessageContaining("threads");
        assertThatThrownBy(() -> fixed().warmup(-1).build()).hasMessageContaining("warm-up");
        assertThatThrownBy(() -> MemoryLayout.parse("nhcw")).hasMessageContaining("unknown layout");
        assertThat(MemoryLayout.parse("channels_last")).isEqualTo(MemoryLayout.CHANNELS_LAST);
    }

    @Test
    void slowOutliersAreDroppedAndCounted() {
        double[] runs = {10, 10.2, 9.9, 10.1, 10.3, 10.0, 55.0, 10.2, 9.8, 10.1};
        RunStatistics s = RunStatistics.of(runs);
        assertThat(s.dropped()).isEqualTo(1);
        assertThat(s.kept()).hasSize(9).doesNotContain(55.0);
        assertThat(s.median()).isCloseTo(10.1, within(1e-9));
        assertThat(s.p90()).isGreaterThanOrEqualTo(s.median());
        assertThat(s.noise()).isBetween(1.0, 1.05);
        // steady runs drop nothing
        assertThat(RunStatistics.of(new double[] {5, 5, 5, 5, 5}).dropped()).isZero();
    }

    @Test
    void resultJsonHasTheDocumentedFields() {
        MeasurementProtocol p = fixed().batch(8).resolution(32).numClasses(10).layout(MemoryLayout.AUTO).runs(5).build();
        RunStatistics st = RunStatistics.of(new double[] {8, 8.4, 8.2, 8.1, 8.3});
        LatencyResult r = new LatencyResult(p, "net", SMALL, MemoryLayout.CHANNELS_LAST, st, OptionalDouble.of(9.0), 1 << 20);
        JsonObject o = r.toJson();
        assertThat(o.keySet()).contains("median_ms", "p90_ms", "per_image_ms", "batch", "resolution", "threads",
                "device", "noise", "layout", "faster_layout", "outliers_dropped", "protocol");
        assertThat(o.get("per_image_ms").getAsDouble()).isCloseTo(8.2 / 8, within(1e-3));
        assertThat(o.get("batch").getAsInt()).isEqualTo(8);
        assertThat(o.getAsJsonObject("protocol").get("precision").getAsString()).isEqualTo("FP32");
    }

    @Test
    void aNetworkTooLargeForMemoryIsRefusedWithABatchSuggestion() {
        Structure s = Structure.parse(SMALL);
        long need = MemoryEstimate.bytes(s, 224, 64, 1000, false);
        assertThat(need).isGreaterThan(MemoryEstimate.bytes(s, 224, 1, 1000, false));
        assertThatThrownBy(() -> LatencyMeter.measure(s, "small", fixed().batch(64).runs(5).build(), need / 4))
                .isInstanceOf(LatencyException.class)
                .hasMessageContaining("smaller batch");
    }

    /** The direct eval-mode forward (with SE) gives the Block API's logits. */
    @Test
    void directInferenceEqualsTheBlockForward() {
        try (NDManager m = NDManager.newBaseManager()) {
            InferenceNet net = new InferenceNet(Structure.parse(SMALL), 32, 10, true, m);
            for (MemoryLayout layout : new MemoryLayout[] {MemoryLayout.NCHW, MemoryLayout.CHANNELS_LAST}) {
                NDArray x = net.input(m, 2, layout);
                NDArray direct = net.forward(x, layout);
                NDArray block = net.network().block().forward(new ParameterStore(m, false), new NDList(x), false)
                        .singletonOrThrow();
                assertThat(direct.getShape()).isEqualTo(block.getShape());
                assertThat(direct.sub(block).abs().max().getFloat()).isLessThan(1e-3f);
            }
        }
    }
}
