package dev.zennas.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zennas.arch.ReleasedNets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Zen-Score against the reference values of conventions §1.4. The official random streams cannot be replayed, so these
 * are statistical checks with a fixed seed: the mean of a few repeats within 1.0 of the reference (per-draw std
 * ≈ 0.3–1.0 for CIFAR nets).
 */
class ZenScoreTest {

    static final String INIT_CIFAR = "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,1,8,1)SuperResK3K3(16,32,2,16,1)"
            + "SuperResK3K3(32,64,2,32,1)SuperResK3K3(64,64,2,32,1)SuperConvK1BNRELU(64,128,1,1)";

    private final ZenScore zen = new ZenScore();

    @Test
    void releasedCifar1MConventionAMatchesTheOfficialSearchScore() {
        ProxyResult r = zen.score(Proxies.target("zennet_cifar10_model_size1M_res32"),
                ProxySettings.defaults().withRepeats(3));
        // [ref] 122.5 ± 0.5 over 3 draws, 123.0 over 32; official code on CPU 123.31 / 123.02 (seeds 0 / 1)
        assertThat(r.mean()).isCloseTo(122.5, within(1.0));
        assertThat(r.values()).hasSize(3);
        for (double v : r.values()) {
            assertThat(v).isBetween(119.0, 127.0);
        }
        double[] logDelta = r.parts().get("log_delta");
        double[] bn = r.parts().get("bn_term");
        for (int i = 0; i < 3; i++) {
            assertThat(logDelta[i] + bn[i]).isCloseTo(r.values()[i], within(1e-9));
        }
    }

    @Test
    void initialCifarStructureInAllThreeConventions() {
        ProxyTarget t = Proxies.target(INIT_CIFAR);
        ProxySettings s = ProxySettings.defaults().withRepeats(4);
        assertThat(zen.score(t, s).mean()).isCloseTo(15.4, within(0.3));
        assertThat(zen.score(t, s.withConvention(ZenConvention.B)).mean()).isCloseTo(23.2, within(0.5));
        assertThat(zen.score(t, s.withConvention(ZenConvention.C)).mean()).isCloseTo(20.0, within(0.5));
    }

    @Test
    void resNet18ConventionBReproducesPaperTable5() {
        try (BlockTarget t = Proxies.target("resnet18", TorchvisionResNets.features(18), 3, 224, 1000)) {
            ProxyResult r = zen.score(t, ProxySettings.defaults().withBatchSize(16).withRepeats(2)
                    .withConvention(ZenConvention.B));
            assertThat(r.mean()).isCloseTo(59.53, within(0.3));
        }
    }

    @Test
    void sameSeedIsBitIdenticalAndOtherSeedsDiffer() {
        ProxyTarget t = Proxies.target(INIT_CIFAR);
        ProxySettings s = ProxySettings.defaults().withRepeats(2).withSeed(42);
        double[] a = zen.score(t, s).values();
        double[] b = zen.score(t, s).values();
        assertThat(b).containsExactly(a);
        assertThat(a[0]).isNotEqualTo(a[1]);
        assertThat(zen.score(t, s.withSeed(43)).values()[0]).isNotEqualTo(a[0]);
    }

    @Test
    void twoWorkerThreadsGiveTheSameScoresAsOne() throws Exception {
        ProxyTarget t = Proxies.target(INIT_CIFAR);
        ProxySettings s = ProxySettings.defaults().withRepeats(2).withSeed(7);
        double[] single = zen.score(t, s).values();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<double[]> f1 = pool.submit(() -> new ZenScore().score(t, s).values());
            Future<double[]> f2 = pool.submit(() -> new ZenScore().score(t, s).values());
            for (double[] v : new double[][] {f1.get(), f2.get()}) {
                for (int i = 0; i < v.length; i++) {
                    assertThat(v[i]).isCloseTo(single[i], within(1e-4));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentPassesEqualSequentialPassesInEveryConvention() {
        ProxyTarget t = Proxies.target(INIT_CIFAR);
        ExecutionSettings sequentialPasses = ExecutionSettings.defaults().withPasses(ExecutionSettings.Passes.SEQUENTIAL);
        ExecutionSettings concurrentPasses = ExecutionSettings.defaults().withPasses(ExecutionSettings.Passes.CONCURRENT);
        for (ZenConvention c : ZenConvention.values()) {
            ProxySettings s = ProxySettings.defaults().withRepeats(2).withConvention(c);
            double[] sequential = zen.score(t, s, sequentialPasses).values();
            double[] parallel = zen.score(t, s, concurrentPasses).values();
            for (int i = 0; i < 2; i++) {
                assertThat(parallel[i]).as(c.name()).isCloseTo(sequential[i], within(1e-4));
            }
        }
        ProxySettings accumulating = ProxySettings.defaults().withRepeats(3).withAccumulateBnStats(true);
        double[] seqAcc = zen.score(t, accumulating, sequentialPasses).values();
        double[] parAcc = zen.score(t, accumulating, concurrentPasses).values();
        assertThat(parAcc[2]).isCloseTo(seqAcc[2], within(1e-4));
    }

    @Test
    void standaloneAccumulatingStatisticsDriftTowardsConventionB() {
        ProxyTarget t = Proxies.target(INIT_CIFAR);
        ProxySettings s = ProxySettings.defaults().withRepeats(6);
        ProxyResult fresh = zen.score(t, s);
        ProxyResult acc = zen.score(t, s.withAccumulateBnStats(true));
        // repeat 0 is identical (fresh statistics); later repeats carry statistics over and rise (conventions T19)
        assertThat(acc.values()[0]).isEqualTo(fresh.values()[0]);
        assertThat(acc.values()[5]).isGreaterThan(fresh.values()[5] + 2.0);
        assertThatThrownBy(() -> s.withConvention(ZenConvention.B).withAccumulateBnStats(true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchOfOneIsAClearError() {
        assertThatThrownBy(() -> zen.score(Proxies.target(INIT_CIFAR), ProxySettings.defaults().withBatchSize(1)))
                .isInstanceOf(ProxyException.class).hasMessageContaining("batch size 1");
    }

    @Test
    void memoryBudgetIsAClearError() {
        assertThatThrownBy(() -> zen.score(Proxies.target("zennet_imagenet1k_latency12ms_res224"),
                ProxySettings.defaults().withMemoryBudgetBytes(1L << 30)))
                .isInstanceOf(ProxyException.class).hasMessageContaining("GiB of activations");
    }

    @Test
    void timeBudgetIsAClearError() {
        assertThatThrownBy(() -> zen.score(Proxies.target(INIT_CIFAR),
                ProxySettings.defaults().withRepeats(3).withTimeBudgetSeconds(1e-6)))
                .isInstanceOf(ProxyException.class).hasMessageContaining("time budget");
    }

    /** Slow (set ZEN_SLOW_TESTS=1): ResNet-34/50 in convention B, and the 0.1 ms net in convention A. */
    @Tag("slow")
    @EnabledIfEnvironmentVariable(named = "ZEN_SLOW_TESTS", matches = "1")
    @Test
    void resNet34And50ConventionB() {
        for (int[] d : new int[][] {{34, 11230}, {50, 14027}}) {
            try (BlockTarget t = Proxies.target("resnet" + d[0], TorchvisionResNets.features(d[0]), 3, 224, 1000)) {
                ProxyResult r = zen.score(t, ProxySettings.defaults().withBatchSize(16).withRepeats(2)
                        .withConvention(ZenConvention.B));
                assertThat(r.mean()).isCloseTo(d[1] / 100.0, within(0.3));
            }
        }
    }

    @Tag("slow")
    @EnabledIfEnvironmentVariable(named = "ZEN_SLOW_TESTS", matches = "1")
    @Test
    void latency01msNetConventionA() {
        assertThat(ReleasedNets.get("zennet_imagenet1k_latency01ms_res224").resolution()).isEqualTo(224);
        ProxyResult r = zen.score(Proxies.target("zennet_imagenet1k_latency01ms_res224"),
                ProxySettings.defaults().withBatchSize(8).withRepeats(2));
        assertThat(r.mean()).isCloseTo(87.0, within(1.0));
    }
}
