package dev.zennas.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.Nb201Cell;
import dev.zennas.nasbench.Nb201Target;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ProxyTarget;
import dev.zennas.proxy.ZenConvention;
import java.util.List;
import org.junit.jupiter.api.Test;

class JointPassBenchmarkTest {

    /**
     * The benchmark's one-batch draw is the Zen-Score's first draw: the same score as the two passes one after the
     * other, to float rounding, in every convention — on an NB201 cell (skips, pools, 1×1 and 3×3 edges) and a ZenNet
     * structure of residual units.
     */
    @Test
    void jointDrawEqualsSequentialPassesInEveryConvention() {
        List<ProxyTarget> targets = List.of(
                new Nb201Target(Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|"
                        + "+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|"), BenchmarkDataset.CIFAR10),
                Proxies.target("SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,1,8,1)SuperResK3K3(16,32,2,16,1)"
                        + "SuperConvK1BNRELU(32,64,1,1)"));
        ExecutionSettings sequential = ExecutionSettings.defaults().withPasses(ExecutionSettings.Passes.SEQUENTIAL);
        for (ProxyTarget t : targets) {
            for (ZenConvention c : ZenConvention.values()) {
                ProxySettings s = ProxySettings.defaults().withBatchSize(8).withSeed(5).withConvention(c);
                double want = Proxies.get("zen").score(t, s, sequential).values()[0];
                double got = JointPassBenchmark.jointDraw(t, s);
                assertThat(want).isFinite();
                assertThat(got).as(t.id() + " " + c).isCloseTo(want, within(1e-5 * Math.abs(want)));
            }
        }
    }

    /** The unfused per-half batch norm the layer timings compare against normalises as libtorch's does, half by half. */
    @Test
    void unfusedPerHalfNormalisationEqualsTwoBatchNorms() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            int b = 3;
            int c = 5;
            ai.djl.ndarray.NDArray x = m.randomNormal(new ai.djl.ndarray.types.Shape(2L * b, 4, 4, c))
                    .transpose(0, 3, 1, 2);
            dev.zennas.blocks.BatchNorm2d bn = dev.zennas.blocks.BatchNorm2d.zen(c);
            ai.djl.ndarray.NDArray gamma = m.randomNormal(new ai.djl.ndarray.types.Shape(c));
            ai.djl.ndarray.NDArray beta = m.randomNormal(new ai.djl.ndarray.types.Shape(c));
            ai.djl.ndarray.NDList halves = x.split(2);
            ai.djl.ndarray.NDArray[] s1 = bn.freshRunningStats(m);
            ai.djl.ndarray.NDArray[] s2 = bn.freshRunningStats(m);
            float[] want = bn.apply(halves.get(0), s1[0], s1[1], gamma, beta, true)
                    .concat(bn.apply(halves.get(1), s2[0], s2[1], gamma, beta, true)).toFloatArray();
            float[] got = JointPassBenchmark.unfusedHalves(x, b, bn.eps(), gamma, beta).toFloatArray();
            assertThat(got).hasSameSizeAs(want);
            for (int i = 0; i < want.length; i++) {
                assertThat((double) got[i]).as("element %d", i).isCloseTo(want[i], within(1e-4));
            }
        }
    }
}
