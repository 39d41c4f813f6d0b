package dev.zennas.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class LatencyPaperTableTest {

    @Test
    void thePapersTableHasItsRowsSourcesAndMissingLatencies() {
        Table t = AccuracyLatency.paperTable();
        assertThat(t.rowCount()).isEqualTo(53);
        assertThat(t.stringColumn("source").isMissing().size()).isZero();
        Table zen = t.where(t.stringColumn("family").isEqualTo("ZenNet"));
        assertThat(zen.rowCount()).isEqualTo(9);
        assertThat(t.where(t.stringColumn("model").isEqualTo("ZenNet-0.5ms"))
                .doubleColumn("latency_v100_fp16_bs64_ms_per_image").get(0)).isEqualTo(0.5);
        // ResNeSt has no T4 figure (TensorRT could not run it): a missing value, not a parse error
        assertThat(t.where(t.stringColumn("model").isEqualTo("ResNeSt-50"))
                .doubleColumn("latency_t4_tensorrt_int8_bs64_ms_per_image").isMissing().size()).isEqualTo(1);
        assertThat(AccuracyLatency.family("OFANet-389M*")).isEqualTo("OFANet");
        assertThatThrownBy(() -> AccuracyLatency.top1VsLatency("A100")).hasMessageContaining("unknown device");
    }

    @Test
    void spearmanNeedsThreeNetsWithBothLatencies() {
        Table m = Table.create("m", StringColumn.create("name", "a", "b", "c", "d"),
                DoubleColumn.create("latency_v100_ms", 0.1, 0.2, 0.3, Double.NaN),
                DoubleColumn.create("measured_ms", 10, 30, 20, 5));
        assertThat(AccuracyLatency.spearmanV100(m)).isCloseTo(0.5, within(1e-12));
        assertThat(AccuracyLatency.spearmanV100(m.dropRows(0))).isNaN();
    }
}
