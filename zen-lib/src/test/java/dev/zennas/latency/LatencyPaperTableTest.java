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
    void baselineLookAlikesParseAndMatchTheirModelsSize() {
        double[][] torchvision = {{11.69, 1820}, {21.80, 3670}, {25.56, 4100}, {3.50, 300}};
        String[] names = {"ResNet-18", "ResNet-34", "ResNet-50", "MobileNetV2-1.0"};
        for (int i = 0; i < names.length; i++) {
            var c = dev.zennas.arch.Counts.of(dev.zennas.arch.Structure.parse(AccuracyLatency.BASELINES.get(names[i])), 224,
                    1000, false);
            assertThat(c.params() / 1e6).as(names[i]).isCloseTo(torchvision[i][0], within(0.2 * torchvision[i][0]));
            assertThat(c.flops() / 1e6).as(names[i]).isCloseTo(torchvision[i][1], within(0.1 * torchvision[i][1]));
            Table paper = AccuracyLatency.paperTable();
            assertThat(paper.where(paper.stringColumn("model").isEqualTo(names[i])).rowCount()).as(names[i]).isEqualTo(1);
        }
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
