package dev.zennas.proxy;

import dev.zennas.latency.MemoryLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkNetworks;
import dev.zennas.nasbench.NatsSssArch;
import dev.zennas.nasbench.NatsSssTarget;
import dev.zennas.nasbench.Nb201Cell;
import dev.zennas.nasbench.Nb201Target;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The direct forward of NAS-Bench-201 / NATS networks (none edges skipped, node ReLUs shared, in-place sums,
 * window-mean pooling, optional channels-last layout) computes what the Block API computes: the same outputs and
 * the same BN running statistics, up to float rounding.
 */
class DirectForwardTest {

    /** Cells that exercise every path: aliasing skips, zero nodes, disconnected cells, pools, width-1 paths. */
    static final List<String> CELLS = List.of(
            "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|",
            "|none~0|+|none~0|skip_connect~1|+|none~0|skip_connect~1|skip_connect~2|", // zero node 1, aliases
            "|none~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|nor_conv_1x1~1|avg_pool_3x3~2|", // convs on zeros
            "|skip_connect~0|+|none~0|skip_connect~1|+|none~0|none~1|skip_connect~2|", // output aliases the input
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|none~1|+|none~0|none~1|none~2|", // disconnected: zero function
            "|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|");

    @BeforeAll
    static void engine() {
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void nb201CellNetworksMatchTheBlockApiInBothLayouts(int which) {
        BenchmarkNetworks.Network a = BenchmarkNetworks.nb201(Nb201Cell.parse(CELLS.get(which)), BenchmarkDataset.CIFAR10);
        BenchmarkNetworks.Network b = BenchmarkNetworks.nb201(Nb201Cell.parse(CELLS.get(which)), BenchmarkDataset.CIFAR10);
        BenchmarkNetworks.Network c = BenchmarkNetworks.nb201(Nb201Cell.parse(CELLS.get(which)), BenchmarkDataset.CIFAR10);
        compare(a, b, c, 16);
    }

    @Test
    void natsSizeNetworkWithWidthChangesMatchesTheBlockApi() {
        NatsSssArch arch = NatsSssArch.parse("8:40:16:64:32");
        compare(BenchmarkNetworks.natsSss(arch, BenchmarkDataset.CIFAR10),
                BenchmarkNetworks.natsSss(arch, BenchmarkDataset.CIFAR10),
                BenchmarkNetworks.natsSss(arch, BenchmarkDataset.CIFAR10), 32);
    }

    private static void compare(BenchmarkNetworks.Network reference, BenchmarkNetworks.Network direct,
                                BenchmarkNetworks.Network channelsLast, int res) {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape one = new Shape(1, 3, res, res);
            for (BenchmarkNetworks.Network n : List.of(reference, direct, channelsLast)) {
                NetInit.prepare(n.features(), m, DataType.FLOAT32, one);
                NetInit.fill(n.features(), Seeds.forRepeat(11, 0), NetInit.Scheme.GAUSSIAN, true);
            }
            int batch = 6;
            Shape shape = new Shape(batch, 3, res, res);
            float[] values = new float[Math.toIntExact(shape.size())];
            SplittableRandom rng = Seeds.forRepeat(5, 0);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) rng.nextGaussian();
            }
            NDArray x = Layout.images(m, shape, values, false);
            NDArray xcl = Layout.images(m, shape, values, true);
            assertThat(xcl.toFloatArray()).containsExactly(x.toFloatArray()); // same values, other memory order

            FastForward fast = new FastForward(direct.features());
            assertThat(fast.isFast()).isTrue();
            ParameterStore ps = new ParameterStore(m, false);
            float[] want = reference.features().forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
            float[] got = fast.forward(ps, x, true, null, false).toFloatArray();
            float[] gotCl = new FastForward(channelsLast.features()).forward(ps, xcl, true, null, true).toFloatArray();
            assertClose(got, want);
            assertClose(gotCl, want);
            assertClose(BnLayers.of(direct.features()).runningVars(), BnLayers.of(reference.features()).runningVars());
            assertClose(BnLayers.of(channelsLast.features()).runningVars(),
                    BnLayers.of(reference.features()).runningVars());
            assertThat(x.isReleased()).isFalse();
            assertThat(xcl.isReleased()).isFalse();
        }
    }

    /**
     * Two batches joined along the batch axis, every BN layer normalising each half with its own statistics (the
     * second half on running statistics of its own, folded back afterwards), give what two train-mode forwards one
     * after the other give: the same outputs and the same running means and variances — in both layouts, on cells
     * with aliasing skips and zero nodes and on a NATS net with width changes.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 6})
    void joinedBatchWithPerHalfStatisticsEqualsTwoPasses(int which) {
        for (boolean channelsLast : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                ProxyTarget t = cellOrNatsNet(which);
                ProxySettings settings = ProxySettings.defaults();
                ai.djl.nn.Block twoPasses = t.build(m, settings).features();
                ai.djl.nn.Block joined = t.build(m, settings).features();
                for (ai.djl.nn.Block b : List.of(twoPasses, joined)) {
                    NetInit.prepare(b, m, DataType.FLOAT32, new Shape(1, 3, t.resolution(), t.resolution()));
                    NetInit.fill(b, Seeds.forRepeat(13, 0), NetInit.Scheme.GAUSSIAN, true);
                }
                int batch = 4;
                Shape half = new Shape(batch, 3, t.resolution(), t.resolution());
                float[] values = new float[Math.toIntExact(2 * half.size())];
                SplittableRandom rng = Seeds.forRepeat(7, 0);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) rng.nextGaussian();
                }
                int n = values.length / 2;
                FastForward sequential = new FastForward(twoPasses);
                ParameterStore ps = new ParameterStore(m, false);
                float[] f1 = sequential.forward(ps, Layout.images(m, half, java.util.Arrays.copyOf(values, n),
                        channelsLast), true, null, channelsLast).toFloatArray();
                float[] f2 = sequential.forward(ps, Layout.images(m, half, java.util.Arrays.copyOfRange(values, n,
                        2 * n), channelsLast), true, null, channelsLast).toFloatArray();

                List<dev.zennas.blocks.BatchNorm2d> bns = dev.zennas.blocks.DirectForward.batchNorms(joined);
                NDArray[][] second = new NDArray[bns.size()][];
                for (int i = 0; i < second.length; i++) {
                    second[i] = bns.get(i).freshRunningStats(m);
                }
                NDArray x = Layout.images(m, new Shape(2L * batch, 3, t.resolution(), t.resolution()), values,
                        channelsLast);
                float[] both = new dev.zennas.blocks.DirectForward(joined, true, null, second, channelsLast,
                        Double.NaN).run(joined, x).toFloatArray();
                for (int i = 0; i < second.length; i++) {
                    bns.get(i).foldSecondPass(second[i]);
                }
                assertClose(java.util.Arrays.copyOf(both, f1.length), f1);
                assertClose(java.util.Arrays.copyOfRange(both, f1.length, both.length), f2);
                assertClose(BnLayers.of(joined).runningVars(), BnLayers.of(twoPasses).runningVars());
                List<dev.zennas.blocks.BatchNorm2d> reference = dev.zennas.blocks.DirectForward.batchNorms(twoPasses);
                for (int i = 0; i < bns.size(); i++) {
                    assertClose(bns.get(i).runningMean().getArray().toFloatArray(),
                            reference.get(i).runningMean().getArray().toFloatArray());
                }
            }
        }
    }

    private static void assertClose(float[] got, float[] want) {
        assertThat(got).hasSameSizeAs(want);
        double scale = 0;
        for (float w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i]).as("element %d", i).isCloseTo(want[i], within(1e-4 * Math.max(1, scale)));
        }
    }

    @Test
    void zenScoresOnNb201AgreeAcrossPaths() {
        Nb201Target t = new Nb201Target(Nb201Cell.parse(CELLS.get(0)), BenchmarkDataset.CIFAR10);
        ProxySettings s = ProxySettings.defaults().withBatchSize(8).withSeed(3);
        double reference = Proxies.get("zen").score(t, s, path(false, MemoryLayout.NCHW)).mean();
        double direct = Proxies.get("zen").score(t, s, path(true, MemoryLayout.NCHW)).mean();
        double cl = Proxies.get("zen").score(t, s, path(true, MemoryLayout.CHANNELS_LAST)).mean();
        assertThat(direct).isCloseTo(reference, within(1e-4));
        assertThat(cl).isCloseTo(reference, within(1e-3));
    }

    /**
     * NASWOT runs on the direct forward too: the probe must still see one ReLU input per conv edge although a cell
     * computes each node's ReLU once (cell 0 shares node 0's and node 1's ReLUs; cell 2 runs convs on a zero node),
     * and on a NATS size network with width changes in its residual reduction blocks.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void naswotAgreesAcrossPathsAndSeesEveryReluModule(int which) {
        ProxyTarget t = cellOrNatsNet(which);
        ProxySettings s = ProxySettings.defaults().withBatchSize(16).withSeed(9);
        ProxyResult reference = Proxies.get("naswot").score(t, s, path(false, MemoryLayout.NCHW));
        ProxyResult direct = Proxies.get("naswot").score(t, s, path(true, MemoryLayout.NCHW));
        assertThat(direct.parts().get("relu_layers")).containsExactly(reference.parts().get("relu_layers"));
        double want = reference.values()[0];
        double got = direct.values()[0];
        if (Double.isFinite(want)) {
            // codes are signs of the same pre-activations; only a value within float rounding of 0 could flip
            assertThat(got).isCloseTo(want, within(1e-6 * Math.abs(want)));
        } else { // cells 1 and 4 are zero functions: every later ReLU sees zeros, K is singular (−∞) on both paths
            assertThat(which).as("only a zero-function cell scores -inf").isIn(1, 4);
            assertThat(Double.valueOf(got)).isEqualTo(Double.valueOf(want));
        }
    }

    /**
     * GradNorm and TE-NAS take their logits from the direct forward under autograd: its eager closing, in-place sums
     * and skipped {@code none} edges must leave every gradient as the Block API's (all six cells, and a NATS net).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void gradientProxiesAgreeAcrossPaths(int which) {
        ProxyTarget t = cellOrNatsNet(which);
        ProxySettings s = ProxySettings.defaults().withBatchSize(6).withSeed(31);
        for (String proxy : List.of("gradnorm", "te-nas")) {
            double want = Proxies.get(proxy).score(t, s, path(false, MemoryLayout.NCHW)).values()[0];
            double got = Proxies.get(proxy).score(t, s, path(true, MemoryLayout.NCHW)).values()[0];
            assertThat(want).as(proxy + " " + which).isFinite();
            if (want == 0) { // TE-NAS of the zero function (cells 1, 4): a zero NTK, cond 0/0 → nan_to_num → 0
                assertThat(proxy + " " + which).isIn("te-nas 1", "te-nas 4");
                assertThat(got).isZero();
            } else {
                assertThat(got).as(proxy + " " + which).isCloseTo(want, within(1e-4 * Math.abs(want)));
            }
        }
    }

    /** Cell {@code which} of {@link #CELLS} on CIFAR-10, or past them a NATS size network with width changes. */
    private static ProxyTarget cellOrNatsNet(int which) {
        return which < CELLS.size()
                ? new Nb201Target(Nb201Cell.parse(CELLS.get(which)), BenchmarkDataset.CIFAR10)
                : new NatsSssTarget(NatsSssArch.parse("8:40:16:64:32"), BenchmarkDataset.CIFAR100);
    }

    /** The Block API ({@code direct} false) or the direct forward, in {@code layout}. */
    private static ExecutionSettings path(boolean direct, MemoryLayout layout) {
        return ExecutionSettings.defaults().withDirectForward(direct).withLayout(layout);
    }

    /** Why the study shares Zen-Scores between CIFAR-10 and CIFAR-100: the classifier is never read. */
    @Test
    void zenScoreIgnoresTheClassifierSoCifar10AndCifar100Agree() {
        Nb201Cell cell = Nb201Cell.parse(CELLS.get(2));
        ProxySettings s = ProxySettings.defaults().withBatchSize(8).withSeed(17);
        double c10 = Proxies.get("zen").score(new Nb201Target(cell, BenchmarkDataset.CIFAR10), s).mean();
        double c100 = Proxies.get("zen").score(new Nb201Target(cell, BenchmarkDataset.CIFAR100), s).mean();
        assertThat(c100).isEqualTo(c10);
        double imagenet = Proxies.get("zen").score(new Nb201Target(cell, BenchmarkDataset.IMAGENET16), s).mean();
        assertThat(imagenet).isNotEqualTo(c10); // 16×16 inputs: a different score
    }
}
