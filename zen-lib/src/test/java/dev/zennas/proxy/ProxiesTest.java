package dev.zennas.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import dev.zennas.arch.Counts;
import dev.zennas.arch.Structure;
import dev.zennas.blocks.Relu;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Invariants of the non-Zen proxies (conventions §2) and of the registry. */
class ProxiesTest {

    static final Structure INIT = Structure.parse(ZenScoreTest.INIT_CIFAR);

    @Test
    void registryKnowsEveryOfficialProxy() {
        // tests may register fakes of their own after these
        assertThat(Proxies.names()).startsWith("zen", "naswot", "te-nas", "synflow", "gradnorm", "params",
                "flops", "random", "synflow-naslib", "analytic-params", "analytic-flops", "test-hash", "test-hash-slow");
        for (String n : Proxies.names()) {
            assertThat(Proxies.get(n).name()).isEqualTo(n);
            assertThat(Proxies.get(n).higherIsBetter()).isTrue();
        }
        assertThat(Proxies.get("TE_NAS").name()).isEqualTo("te-nas");
        assertThatThrownBy(() -> Proxies.get("snip")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known: zen");
    }

    @Test
    void paramsAndFlopsAreTheCodeRuleCountsOfTheNoResidualNet() {
        ProxyTarget t = Proxies.target(INIT, 32, 100);
        Counts c = Counts.of(INIT, 32, 100, false);
        assertThat(Proxies.get("params").score(t, ProxySettings.defaults()).mean()).isEqualTo(c.paramsNoResidual());
        assertThat(Proxies.get("flops").score(t, ProxySettings.defaults()).mean()).isEqualTo(c.flopsNoResidual());
        assertThat(c.paramsNoResidual()).isLessThan(c.paramsCode()); // projections excluded
        ProxyTarget released = Proxies.target("zennet_cifar10_model_size1M_res32");
        assertThat(Proxies.get("flops").score(released, ProxySettings.defaults()).mean())
                .isEqualTo(((StructureTarget) released).structure() == null ? 0
                        : Counts.of(((StructureTarget) released).structure(), 32, 10, false).flopsNoResidual());
    }

    @Test
    void randomIsOneGaussianPerCandidateAndSeed() {
        ProxyTarget a = Proxies.target(INIT, 32, 10);
        ProxyTarget b = Proxies.target("zennet_cifar10_model_size1M_res32");
        ZeroShotProxy random = Proxies.get("random");
        double va = random.score(a, ProxySettings.defaults()).mean();
        assertThat(random.score(a, ProxySettings.defaults()).mean()).isEqualTo(va);
        assertThat(random.score(b, ProxySettings.defaults()).mean()).isNotEqualTo(va);
        assertThat(random.score(a, ProxySettings.defaults().withSeed(1)).mean()).isNotEqualTo(va);
    }

    /** A net of ReLUs only: the first ReLU sees the input itself, so K can be computed by hand from the same RNG. */
    @Test
    void naswotEqualsLogDetOfTheHandComputedKernel() {
        int batch = 8;
        int c = 2;
        int r = 3;
        SequentialBlock net = new SequentialBlock().add(new Relu()).add(new Relu());
        try (BlockTarget t = Proxies.target("relus", net, c, r, 10)) {
            ProxyResult res = Proxies.get("naswot").score(t, ProxySettings.defaults().withBatchSize(batch).withSeed(5));
            SplittableRandom rng = Seeds.forRepeat(5, 0);
            for (int i = 0; i < 10 * c; i++) {
                rng.nextGaussian(); // the appended GAP+FC head (10×2 weights) is initialised first
            }
            int n = c * r * r;
            boolean[][] code = new boolean[batch][n];
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < n; j++) {
                    code[i][j] = (float) rng.nextGaussian() > 0;
                }
            }
            double[] k = new double[batch * batch];
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < batch; j++) {
                    int same = 0;
                    for (int u = 0; u < n; u++) {
                        same += code[i][u] == code[j][u] ? 1 : 0;
                    }
                    // the second ReLU sees relu(x) >= 0: its code is 1[x > 0] again, so K doubles
                    k[i * batch + j] = 2.0 * same;
                }
            }
            assertThat(res.mean()).isCloseTo(Naswot.logAbsDet(k, batch), within(1e-9));
            assertThat(res.parts().get("relu_layers")[0]).isEqualTo(2.0);
        }
        assertThat(Naswot.logAbsDet(new double[] {2, 1, 1, 2}, 2)).isCloseTo(Math.log(3), within(1e-12));
        assertThat(Naswot.logAbsDet(new double[] {1, 2, 2, 4}, 2)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void naswotOnAStructureUsesTheOfficialBatchAndGrowsWithWidth() {
        ProxySettings s = ProxySettings.defaults().withBatchSize(Naswot.OFFICIAL_BATCH).withRepeats(2);
        double small = Proxies.get("naswot").score(Proxies.target(INIT, 32, 10), s).mean();
        assertThat(small).isFinite().isGreaterThan(0);
        // log|det K| ≤ B·ln(max K) and K ≥ 0: sanity bounds for an 8×8 kernel of counts
        assertThat(small).isLessThan(8 * Math.log(1e7));
    }

    @Test
    void synflowIsNegatedAndGradNormPositiveAndTeNasIsMinusACondition() {
        ProxyTarget t = Proxies.target(INIT, 32, 10);
        ProxySettings s = ProxySettings.defaults().withBatchSize(16);
        ProxyResult syn = Proxies.get("synflow").score(t, s);
        assertThat(syn.mean()).isNegative();
        assertThat(syn.parts().get("layers")[0]).isEqualTo(11.0); // 10 convs + FC
        assertThat(Proxies.get("gradnorm").score(t, s).mean()).isPositive().isFinite();
        ProxyResult te = Proxies.get("te-nas").score(t, s.withBatchSize(8));
        assertThat(te.mean()).isLessThanOrEqualTo(-1.0);
        assertThat(te.parts().get("lambda_min")[0]).isPositive();
    }

    @Test
    void everyNetworkProxyIsDeterministicForASeed() {
        ProxyTarget t = Proxies.target(INIT, 32, 10);
        ProxySettings s = ProxySettings.defaults().withBatchSize(8).withSeed(11);
        for (String p : new String[] {"naswot", "te-nas", "synflow", "gradnorm"}) {
            assertThat(Proxies.get(p).score(t, s).values()).as(p).containsExactly(Proxies.get(p).score(t, s).values());
        }
    }

    /** A user's own block built from DJL's standard blocks (ZenNAS issue #25). */
    @Test
    void userBlockOfDjlLayersIsScoredAndNaswotExplainsWhatItNeeds() {
        SequentialBlock user = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16)
                        .optBias(false).build())
                .add(BatchNorm.builder().optEpsilon(1e-3f).optMomentum(0.9f).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32)
                        .optBias(false).build())
                .add(BatchNorm.builder().optEpsilon(1e-3f).optMomentum(0.9f).build())
                .add(Activation.reluBlock());
        try (BlockTarget t = Proxies.target("user-cnn", user, 3, 16, 10)) {
            ProxySettings s = ProxySettings.defaults().withBatchSize(8).withRepeats(2);
            ProxyResult zen = Proxies.get("zen").score(t, s);
            assertThat(zen.isFinite()).isTrue();
            assertThat(zen.parts().get("bn_term")[0]).isPositive();
            // DJL BatchNorm's momentum is found (0.9 DJL = 0.1 PyTorch), so convention B works too
            assertThat(Proxies.get("zen").score(t, s.withConvention(ZenConvention.B)).mean()).isGreaterThan(zen.mean());
            assertThat(Proxies.get("gradnorm").score(t, s).mean()).isPositive();
            assertThat(Proxies.get("synflow").score(t, s).mean()).isNegative();
            assertThat(Proxies.get("params").score(t, s).mean()).isEqualTo(3 * 16 * 9 + 2 * 16 + 16 * 32 * 9 + 2 * 32);
            assertThatThrownBy(() -> Proxies.get("naswot").score(t, s)).isInstanceOf(ProxyException.class)
                    .hasMessageContaining("dev.zennas.blocks.Relu");
            assertThatThrownBy(() -> Proxies.get("flops").score(t, s)).isInstanceOf(ProxyException.class);
        }
    }
}
