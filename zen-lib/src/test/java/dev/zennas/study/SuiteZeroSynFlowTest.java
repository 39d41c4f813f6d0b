package dev.zennas.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.nasbench.Nb201Cell;
import dev.zennas.nasbench.Nb201Target;
import org.junit.jupiter.api.Test;

class SuiteZeroSynFlowTest {

    @Test
    void chainOfConvolutionsGivesLayersTimesOutputOnAPositiveLinearNet() {
        // With |weights| and no BN the net is positively homogeneous in each layer: for a plain chain every layer's
        // Σ w·∂R/∂w equals R. The score is positive, deterministic per seed, and 0-free for connected cells.
        SuiteZeroSynFlow s = new SuiteZeroSynFlow();
        Nb201Target t = (Nb201Target) BenchmarkSpace.NB201.target(9930, BenchmarkDataset.CIFAR10);
        double a = s.score(t, ProxySettings.defaults().withSeed(1)).values()[0];
        double b = s.score(t, ProxySettings.defaults().withSeed(1)).values()[0];
        double c = s.score(t, ProxySettings.defaults().withSeed(2)).values()[0];
        assertThat(a).isPositive().isFinite().isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        // A disconnected cell: the logits do not depend on any conv before the head; only the classifier's own
        // weights get gradient, through the ReLU of a zero map: the score collapses.
        Nb201Target dead = new Nb201Target(Nb201Cell.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"),
                BenchmarkDataset.CIFAR10);
        assertThat(s.score(dead, ProxySettings.defaults()).values()[0]).isLessThan(a * 1e-6);
    }

    @Test
    void onlyBenchmarkTargetsAreAccepted() {
        assertThatThrownBy(() -> new SuiteZeroSynFlow().score(Proxies.target("zennet_cifar10_model_size05M_res32"),
                ProxySettings.defaults())).hasMessageContaining("NB201 / NATS-SSS target");
        assertThat(Proxies.get("synflow-naslib")).isInstanceOf(SuiteZeroSynFlow.class);
        assertThat(Proxies.names()).contains("zen", "synflow", "synflow-naslib");
        assertThatThrownBy(() -> Proxies.get("nope")).hasMessageContaining("synflow-naslib");
    }

    /** Per architecture, our values rank like the released Suite-Zero synflow scores (18 archs gave 0.996). */
    @Test
    void ranksLikeTheSuiteZeroScores() {
        var rows = dev.zennas.data.NasBenchData.naslibZcSubset(BenchmarkDataset.CIFAR10).stream()
                .filter(r -> Double.isFinite(r.score("synflow"))).limit(8).toList();
        SuiteZeroSynFlow s = new SuiteZeroSynFlow();
        double[] ours = new double[rows.size()];
        double[] theirs = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ours[i] = s.score(BenchmarkSpace.NB201.target(rows.get(i).archIndex(), BenchmarkDataset.CIFAR10),
                    ProxySettings.defaults().withSeed(i)).values()[0];
            theirs[i] = rows.get(i).score("synflow");
        }
        assertThat(dev.zennas.stats.Correlations.spearman(ours, theirs)).isGreaterThanOrEqualTo(0.9);
    }
}
