package dev.zennas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.search.Presets;
import dev.zennas.search.SearchReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published numbers read from data/published/*.csv and data/zennets.csv: row counts and golden values. */
class PublishedTest {

    @Test
    void table5HasTheFiveResNetsWithTheirZenScores() {
        List<Published.ResNetScore> r = Published.resnetScores();
        assertThat(r).extracting(Published.ResNetScore::depth).containsExactly(18, 34, 50, 101, 152);
        assertThat(r.get(0).zenScore()).isEqualTo(59.53);
        assertThat(r.get(2).zenScore()).isEqualTo(140.3);
        assertThat(r.get(4).top1ZenRecipe()).isEqualTo(82.3);
        assertThat(r).allSatisfy(x -> assertThat(x.source()).contains("Table 5"));
    }

    @Test
    void table1HasSevenProxiesAndOnlyRandomHasASpread() {
        List<Published.ProxyComparison> p = Published.proxyComparison();
        assertThat(p).hasSize(7);
        assertThat(p.get(0).proxy()).isEqualTo("Zen-Score");
        assertThat(p.get(0).cifar10Top1()).isEqualTo(96.2);
        assertThat(p.get(0).flopsM()).isEqualTo(170);
        assertThat(p).filteredOn(x -> !Double.isNaN(x.cifar10Std())).extracting(Published.ProxyComparison::proxy)
                .containsExactly("Random");
    }

    @Test
    void singleValuesByIdAndAClearErrorForAnUnknownOne() {
        assertThat(Published.paperValues()).hasSize(10);
        assertThat(Published.value("fig15_kendall_cifar10").value()).isEqualTo(0.91);
        assertThat(Published.value("fig7_zen_curve_end_cifar1m").value()).isEqualTo(120);
        assertThat(Published.value("fig15_kendall_cifar10").source()).contains("Fig. 15");
        assertThatThrownBy(() -> Published.value("fig99")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fig15_kendall_cifar10");
    }

    @Test
    void anchorsAreFoundByTheWorkbenchNamesOfProxyTargetAndSubset() {
        assertThat(Published.anchors()).hasSize(96);
        Published.Anchor zen = Published.anchor("nb201", "cifar10", "zen", "test_acc", "all").orElseThrow();
        assertThat(zen.n()).isEqualTo(15625);
        assertThat(zen.spearman()).isEqualTo(0.3858);
        assertThat(zen.kendall()).isEqualTo(0.2963);
        assertThat(Published.spearman("NATS-SSS", "cifar100", "flops", "valid_acc", "all")).isEqualTo(0.2995);
        assertThat(Published.spearman("NB201", "cifar10", "naswot", "naslib_acc_s888", "suite-zero")).isEqualTo(0.7862);
        assertThat(Published.spearman("NB201", "cifar10", "params", "naslib_acc_s888", "suite-zero")).isEqualTo(0.7379);
        // the NATS-SSS Zen-Score has no published counterpart
        assertThat(Published.spearman("nats-sss", "cifar10", "zen", "valid_acc", "all")).isNaN();
        assertThat(Published.anchors()).allSatisfy(a -> assertThat(a.source()).isNotBlank());
    }

    @Test
    void everyPresetWithABudgetOfAReleasedNetFindsIt() {
        assertThat(ReleasedNets.all()).hasSize(15);
        assertThat(ReleasedNets.forPreset("cifar-params-1M").map(ReleasedNet::name))
                .contains("zennet_cifar10_model_size1M_res32");
        assertThat(ReleasedNets.forPreset("IMAGENET-FLOPS-800M").map(ReleasedNet::name))
                .contains("zennet_imagenet1k_flops900M_SE_res224");
        assertThat(ReleasedNets.forPreset("custom")).isEmpty();
        assertThat(Presets.names()).hasSize(12).allSatisfy(p -> assertThat(SearchReport.releasedCounterpart(p)).isPresent());
        assertThat(Presets.releasedLatencyNet("imagenet-latency-0.5ms")).contains("zennet_imagenet1k_latency05ms_res224");
        assertThat(Presets.releasedLatencyNet("cifar-params-1M")).isEmpty();
        assertThat(ReleasedNets.get("zennet_imagenet1k_latency12ms_res224").latencyV100().getAsDouble())
                .isCloseTo(1.2, within(1e-12));
    }
}
