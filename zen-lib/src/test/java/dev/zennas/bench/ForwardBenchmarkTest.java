package dev.zennas.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ForwardBenchmarkTest {

    @Test
    void everyPathScoresTheSameArchitectureAndReportsItsArithmeticRate() {
        List<ForwardBenchmark.Workload> w = ForwardBenchmark.workloads(1, 7, null);
        Table t = ForwardBenchmark.run(w, 4, null);
        assertThat(t.stringColumn("path").asList()).containsExactly("block-api", "direct-nchw",
                "direct-channels-last", "direct-channels-last-one-thread");
        assertThat(t.doubleColumn("speedup_vs_block_api").get(0)).isEqualTo(1.0);
        assertThat(t.doubleColumn("max_abs_diff").get(0)).isZero();
        for (int row = 1; row < 4; row++) {
            assertThat(t.doubleColumn("max_abs_diff").get(row)).isLessThan(1e-2);
        }
        // the one-thread path differs from the two-thread one only by the order of two float additions
        assertThat(t.doubleColumn("max_abs_diff").get(3)).isCloseTo(t.doubleColumn("max_abs_diff").get(2), within(1e-6));
        for (int row = 0; row < 4; row++) {
            // NB201 targets know their MACs: the rate is finite and positive
            assertThat(t.doubleColumn("gflop_per_s").get(row)).isFinite().isPositive();
            assertThat(t.doubleColumn("gflop_per_s").get(row) * t.doubleColumn("s_per_score").get(row))
                    .isCloseTo(t.doubleColumn("gflop_per_s").get(0) * t.doubleColumn("s_per_score").get(0), within(1e-9));
        }
        assertThat(ForwardBenchmark.sgemmGflops(128, 0.2)).isFinite().isPositive();
    }
}
