package dev.zennas.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.zennas.arch.Expansion;
import dev.zennas.arch.Layer;
import dev.zennas.arch.Structure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ZenScore#trace}: the pieces of one draw are the ones {@link ZenScore#score} used (the trace's score is the
 * score, bit for bit), they add up, and an independent forward from the traced weights and inputs reproduces the
 * traced feature maps and BN statistics.
 */
class ZenScoreTraceTest {

    static final String PLAIN = "SuperConvK3BNRELU(3,8,1,1)SuperConvK3BNRELU(8,16,2,1)SuperConvK1BNRELU(16,24,1,1)";

    private final ZenScore zen = new ZenScore();

    @Test
    void traceScoreIsTheLibraryScoreBitForBitInEveryConvention() {
        for (String structure : List.of(PLAIN, ZenScoreTest.INIT_CIFAR)) {
            ProxyTarget t = Proxies.target(structure);
            for (ZenConvention c : ZenConvention.values()) {
                ProxySettings s = ProxySettings.defaults().withBatchSize(8).withSeed(11).withConvention(c);
                ProxyResult r = zen.score(t, s);
                ZenScoreTrace trace = ZenScore.trace(t, s);
                assertThat(trace.convention()).isEqualTo(c);
                assertThat(trace.score()).as("%s %s", structure, c).isEqualTo(r.values()[0]);
                assertThat(trace.logDelta()).isEqualTo(r.parts().get("log_delta")[0]);
                assertThat(trace.bnTerm()).isEqualTo(r.parts().get("bn_term")[0]);
            }
        }
        // the standalone script's accumulating statistics start fresh too: its repeat 0 is the same draw
        ProxySettings accumulating = ProxySettings.defaults().withBatchSize(8).withSeed(11).withRepeats(2)
                .withAccumulateBnStats(true);
        assertThat(ZenScore.trace(Proxies.target(PLAIN), accumulating).score())
                .isEqualTo(zen.score(Proxies.target(PLAIN), accumulating).values()[0]);
    }

    @Test
    void piecesAddUpExactly() {
        ZenScoreTrace t = ZenScore.trace(Proxies.target(ZenScoreTest.INIT_CIFAR),
                ProxySettings.defaults().withBatchSize(8).withSeed(5));
        float gamma = (float) t.gamma();
        for (int i = 0; i < t.input().length; i++) {
            assertThat(t.perturbed()[i]).isEqualTo(t.input()[i] + gamma * t.noise()[i]);
        }
        assertThat(t.logDelta()).isEqualTo(Math.log(t.delta()));
        double bn = 0;
        for (ZenScoreTrace.BnLayer layer : t.bnLayers()) {
            assertThat(layer.scoreVariances()).containsExactly(layer.runningVar()); // convention A
            double sum = 0;
            for (float v : layer.scoreVariances()) {
                sum += v;
            }
            assertThat(layer.term()).isEqualTo(0.5 * Math.log(sum / layer.channels()));
            assertThat(layer.momentum()).isEqualTo(0.1);
            assertThat(layer.eps()).isEqualTo(1e-3);
            bn += layer.term();
        }
        assertThat(t.bnLayers()).hasSize(10);
        assertThat(t.bnTerm()).isEqualTo(bn);
        assertThat(t.score()).isEqualTo(t.logDelta() + t.bnTerm());
        // Δ from the traced feature maps: per-sample L1, averaged over the batch (libtorch sums in another order)
        int batch = (int) t.inputShape().get(0);
        double l1 = 0;
        for (int i = 0; i < t.features().length; i++) {
            l1 += Math.abs((double) (t.features()[i] - t.perturbedFeatures()[i]));
        }
        assertThat(l1 / batch).isCloseTo(t.delta(), within(1e-9 * t.delta()));
        assertThat(t.featureShape()).isEqualTo(new Shape(8, 128, 4, 4));
    }

    @Test
    void conventionsBAndCReadTheCleanPassBatchVariance() {
        ProxyTarget target = Proxies.target(PLAIN);
        ProxySettings s = ProxySettings.defaults().withBatchSize(8).withSeed(5);
        ZenScoreTrace a = ZenScore.trace(target, s);
        ZenScoreTrace b = ZenScore.trace(target, s.withConvention(ZenConvention.B));
        ZenScoreTrace c = ZenScore.trace(target, s.withConvention(ZenConvention.C));
        assertThat(b.input()).containsExactly(a.input());
        assertThat(b.features()).containsExactly(a.features());
        for (int i = 0; i < a.bnLayers().size(); i++) {
            // running_var = (1 − m)² + m(1 − m)·v₁ + m·v₂: B reads v₁ (the clean pass's unbiased batch variance)
            ZenScoreTrace.BnLayer la = a.bnLayers().get(i);
            ZenScoreTrace.BnLayer lb = b.bnLayers().get(i);
            assertThat(lb.runningVar()).containsExactly(la.runningVar());
            assertThat(lb.scoreVariances()).containsExactly(c.bnLayers().get(i).scoreVariances());
            for (int ch = 0; ch < la.channels(); ch++) {
                assertThat(lb.scoreVariances()[ch]).isGreaterThan(la.runningVar()[ch]); // v ≫ 1 after N(0,1) convs
            }
        }
        assertThat(b.delta()).isEqualTo(a.delta());
        assertThat(c.delta()).isLessThan(a.delta()); // the L2 norm of a vector is below its L1 norm
        assertThat(b.score()).isGreaterThan(a.score());
    }

    @Test
    void handForwardFromTheTracedWeightsReproducesFeaturesAndStatistics() {
        Structure structure = Structure.parse(PLAIN);
        ZenScoreTrace t = ZenScore.trace(Proxies.target(PLAIN), ProxySettings.defaults().withBatchSize(8).withSeed(2));
        try (NDManager m = NDManager.newBaseManager()) {
            List<float[]> v1 = new ArrayList<>();
            List<float[]> v2 = new ArrayList<>();
            NDArray f1 = handForward(m, structure, t, t.input(), v1);
            NDArray f2 = handForward(m, structure, t, t.perturbed(), v2);
            NDArray lib1 = m.create(t.features(), t.featureShape());
            NDArray lib2 = m.create(t.perturbedFeatures(), t.featureShape());
            assertThat(f1.sub(lib1).abs().max().getFloat()).isLessThan(1e-4f * lib1.abs().max().getFloat());
            assertThat(f2.sub(lib2).abs().max().getFloat()).isLessThan(1e-4f * lib2.abs().max().getFloat());
            double delta = f1.sub(f2).abs().sum().getFloat() / 8.0;
            assertThat(delta).isCloseTo(t.delta(), within(1e-3 * t.delta()));
            for (int i = 0; i < t.bnLayers().size(); i++) {
                float[] running = t.bnLayers().get(i).runningVar();
                for (int c = 0; c < running.length; c++) {
                    double expected = 0.81 + 0.09 * v1.get(i)[c] + 0.1 * v2.get(i)[c];
                    assertThat((double) running[c]).isCloseTo(expected, within(1e-4 * expected));
                }
            }
        }
    }

    @Test
    void unknownParameterNameListsTheKnownOnes() {
        ZenScoreTrace t = ZenScore.trace(Proxies.target(PLAIN), ProxySettings.defaults().withBatchSize(2));
        assertThat(t.parameter("01Conv_weight").shape()).isEqualTo(new Shape(8, 3, 3, 3));
        assertThatThrownBy(() -> t.parameter("nope")).hasMessageContaining("01Conv_weight");
    }

    /** conv (no bias, padding (k−1)/2) → BN from the batch's own mean and biased variance, eps 1e-3 → ReLU. */
    static NDArray handForward(NDManager m, Structure s, ZenScoreTrace t, float[] image, List<float[]> unbiasedVars) {
        NDArray x = m.create(image, t.inputShape());
        List<ZenScoreTrace.Tensor> convs = t.parameters().stream().filter(p -> p.name().endsWith("Conv_weight")).toList();
        int conv = 0;
        for (Layer layer : Expansion.of(s, false, false)) {
            if (layer instanceof Layer.Conv c) {
                ZenScoreTrace.Tensor w = convs.get(conv++);
                int pad = (c.kernel() - 1) / 2;
                x = Conv2d.conv2d(x, m.create(w.values(), w.shape()), null, new Shape(c.stride(), c.stride()),
                        new Shape(pad, pad), new Shape(1, 1), c.groups()).singletonOrThrow();
            } else if (layer instanceof Layer.BatchNorm) {
                long channels = x.getShape().get(1);
                NDArray perChannel = x.transpose(1, 0, 2, 3).reshape(channels, -1); // one row per channel
                long n = perChannel.getShape().get(1);
                NDArray mean = perChannel.mean(new int[] {1}).reshape(1, channels, 1, 1);
                NDArray var = x.sub(mean).square().transpose(1, 0, 2, 3).reshape(channels, -1).mean(new int[] {1})
                        .reshape(1, channels, 1, 1);
                unbiasedVars.add(var.mul((double) n / (n - 1)).toFloatArray());
                x = x.sub(mean).div(var.add(1e-3).sqrt());
            } else if (layer instanceof Layer.Relu) {
                x = x.maximum(0f);
            }
        }
        return x;
    }
}
