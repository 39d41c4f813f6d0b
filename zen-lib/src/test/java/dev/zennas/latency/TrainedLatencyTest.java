package dev.zennas.latency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.stats.ConfidenceInterval;
import dev.zennas.train.ZenAccuracyStudy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

public class TrainedLatencyTest {

    static final String SMALL = "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,2,8,1)SuperConvK1BNRELU(16,32,1,1)";
    static final String MID = "SuperConvK3BNRELU(3,16,1,1)SuperResK3K3(16,32,2,16,1)SuperConvK1BNRELU(32,64,1,1)";
    static final String BIG = "SuperConvK3BNRELU(3,32,1,1)SuperResK3K3(32,64,2,32,2)SuperConvK1BNRELU(64,128,1,1)";

    /** A finished study of three networks whose Zen-Score order equals their top-1 order and whose params order does not. */
    public static ZenAccuracyStudy.Result study() {
        List<ZenAccuracyStudy.Row> rows = List.of(
                new ZenAccuracyStudy.Row(0, SMALL, 10, 10.0, 3_000_000, 1e6, 20.0, 1),
                new ZenAccuracyStudy.Row(1, MID, 20, 20.0, 1_000_000, 2e6, 30.0, 1),
                new ZenAccuracyStudy.Row(2, BIG, 30, 30.0, 2_000_000, 3e6, 40.0, 1));
        return ZenAccuracyStudy.correlations(rows, 0, 1.0);
    }

    @Test
    void measuresEveryTrainedNetworkAndRanksEachPredictorAgainstTop1() {
        MeasurementProtocol p = MeasurementProtocol.builder().threads(1).batch(1).runs(MeasurementProtocol.MIN_RUNS)
                .warmup(1).clock(Clock.defaultFor(1)).build();
        Table t = TrainedLatency.measure(study(), 10, p, null);
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.doubleColumn("top1").asDoubleArray()).containsExactly(20.0, 30.0, 40.0);
        assertThat(t.doubleColumn("params_M").asDoubleArray()).containsExactly(3.0, 1.0, 2.0);
        for (double ms : t.doubleColumn(TrainedLatency.MEASURED_MS).asDoubleArray()) {
            assertThat(ms).isPositive().isFinite();
        }
        Map<String, ConfidenceInterval> tau = TrainedLatency.kendallWithTop1(t, 0);
        assertThat(tau).containsOnlyKeys("zen_score", "params_M", "flops_M", TrainedLatency.MEASURED_MS);
        assertThat(tau.get("zen_score").estimate()).isEqualTo(1.0);
        assertThat(tau.get("params_M").estimate()).isCloseTo(-1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(TrainedLatency.kendallTable(tau).rowCount()).isEqualTo(4);
    }
}
