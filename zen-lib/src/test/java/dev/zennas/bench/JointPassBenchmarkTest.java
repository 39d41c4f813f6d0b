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
}
