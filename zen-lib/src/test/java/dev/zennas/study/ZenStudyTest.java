package dev.zennas.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study with the real Zen-Score on a tiny sample: thread-count independent, disconnected cells are −∞. */
class ZenStudyTest {

    @Test
    void zenScoresDoNotDependOnTheWorkerCount(@TempDir Path dir) {
        // Index 10 is a disconnected cell; the other three are connected.
        int[] archs = {0, 10, 9930, 15624};
        // One libtorch intra-op thread, as the launcher sets it: an earlier test in this JVM (training, a CLI command)
        // may have asked for all cores, and two intra-op threads sum in another order.
        int before = dev.zennas.util.TorchThreads.set(1);
        try {
            compareWorkerCounts(dir, archs);
        } finally {
            dev.zennas.util.TorchThreads.set(before);
        }
    }

    private static void compareWorkerCounts(Path dir, int[] archs) {
        StudyResult one = CorrelationStudy.builder().space(BenchmarkSpace.NB201)
                .dataset(BenchmarkDataset.CIFAR10).proxies("zen").archIndices(archs).batchSize(8).seed(5)
                .threads(1).bootstrapResamples(0).cacheDir(dir.resolve("a")).run();
        StudyResult two = CorrelationStudy.builder().space(BenchmarkSpace.NB201)
                .dataset(BenchmarkDataset.CIFAR10).proxies("zen").archIndices(archs).batchSize(8).seed(5)
                .threads(2).bootstrapResamples(0).cacheDir(dir.resolve("b")).run();
        double[] a = one.scores().doubleColumn("zen").asDoubleArray();
        double[] b = two.scores().doubleColumn("zen").asDoubleArray();
        assertThat(a).containsExactly(b);
        assertThat(a[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(a[0]).isBetween(50.0, 300.0);
        assertThat(one.summaryOf("zen").n()).isEqualTo(4);
        assertThat(one.summaryOf("zen").failed()).isZero();
    }

    @Test
    void equivalentCellsWithTheSameWeightDrawsScoreTheSameOnTheRealNetworkWithEveryGraphOnlyProxy() {
        // Pairs that draw their weights in the same order (the extra edge has no parameters), so equal seeds give
        // equal networks: a pool into a node nobody reads, a skip out of a zero node, a conv read through an
        // alias, an output that is an alias.
        String c3 = "|none~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|";
        String[][] pairs = {
            {"|avg_pool_3x3~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|", c3},
            {"|none~0|+|none~0|none~1|+|nor_conv_3x3~0|skip_connect~1|none~2|", c3},
            {"|skip_connect~0|+|none~0|none~1|+|none~0|nor_conv_3x3~1|none~2|", c3},
            {"|avg_pool_3x3~0|+|none~0|none~1|+|none~0|skip_connect~1|none~2|",
                "|none~0|+|none~0|none~1|+|avg_pool_3x3~0|none~1|none~2|"},
        };
        dev.zennas.proxy.ProxySettings settings = dev.zennas.proxy.ProxySettings.defaults().withBatchSize(4)
                .withSeed(21);
        for (dev.zennas.proxy.ZeroShotProxy proxy : new dev.zennas.proxy.ZeroShotProxy[] {
            new dev.zennas.proxy.ZenScore(), new dev.zennas.proxy.Naswot(), new dev.zennas.proxy.TeNas()}) {
            assertThat(proxy.dependsOnlyOnComputedGraph()).isTrue();
            for (String[] pair : pairs) {
                dev.zennas.nasbench.Nb201Cell a = dev.zennas.nasbench.Nb201Cell.parse(pair[0]);
                dev.zennas.nasbench.Nb201Cell b = dev.zennas.nasbench.Nb201Cell.parse(pair[1]);
                assertThat(dev.zennas.nasbench.Nb201Equivalence.key(a)).as(pair[0])
                        .isEqualTo(dev.zennas.nasbench.Nb201Equivalence.key(b));
                double sa = score(proxy, pair[0], settings);
                double sb = score(proxy, pair[1], settings);
                assertThat(sa).as(proxy.name() + " " + pair[0])
                        .isCloseTo(sb, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(sb)));
            }
        }
    }

    @Test
    void gradientProxiesScoreOneFunctionClassTheSameAndSeeWhereAConvOfZerosAddsItsShift() {
        // Same weight draw order in each pair. The first four are also equal computed graphs; in the last, a conv of
        // the zero node n1 adds its BN shift to n2, which the output reads through a skip (or through nothing).
        String zeroConvRead = "|none~0|+|none~0|nor_conv_3x3~1|+|nor_conv_1x1~0|none~1|skip_connect~2|";
        String c3 = "|none~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|";
        String[][] pairs = {
            {"|avg_pool_3x3~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|", c3},
            {"|none~0|+|none~0|none~1|+|nor_conv_3x3~0|skip_connect~1|none~2|", c3},
            {"|skip_connect~0|+|none~0|none~1|+|none~0|nor_conv_3x3~1|none~2|", c3},
            {zeroConvRead, "|none~0|+|none~0|nor_conv_3x3~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|"},
        };
        String zeroConvUnread = "|none~0|+|none~0|nor_conv_3x3~1|+|nor_conv_1x1~0|none~1|none~2|";
        var function = dev.zennas.nasbench.Nb201Equivalence.Level.PARAMETER_FUNCTION;
        dev.zennas.proxy.ProxySettings settings = dev.zennas.proxy.ProxySettings.defaults().withBatchSize(4)
                .withSeed(21);
        for (dev.zennas.proxy.ZeroShotProxy proxy : new dev.zennas.proxy.ZeroShotProxy[] {
            new dev.zennas.proxy.GradNorm(), new dev.zennas.proxy.SynFlow()}) {
            assertThat(proxy.dependsOnlyOnParameterFunction()).isTrue();
            assertThat(proxy.dependsOnlyOnComputedGraph()).isFalse();
            for (String[] pair : pairs) {
                assertThat(dev.zennas.nasbench.Nb201Equivalence.key(dev.zennas.nasbench.Nb201Cell.parse(pair[0]), function))
                        .as(pair[0])
                        .isEqualTo(dev.zennas.nasbench.Nb201Equivalence.key(dev.zennas.nasbench.Nb201Cell.parse(pair[1]),
                                function));
                double sa = score(proxy, pair[0], settings);
                double sb = score(proxy, pair[1], settings);
                assertThat(sa).as(proxy.name() + " " + pair[0])
                        .isCloseTo(sb, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(sb)));
            }
        }
        // the computed graphs agree (the shift is 0 at initialisation), the functions do not, and neither do the
        // gradient norms: the shift's gradient is the sum of the output's gradient, or nothing
        assertThat(dev.zennas.nasbench.Nb201Equivalence.key(dev.zennas.nasbench.Nb201Cell.parse(zeroConvRead)))
                .isEqualTo(dev.zennas.nasbench.Nb201Equivalence.key(dev.zennas.nasbench.Nb201Cell.parse(zeroConvUnread)));
        assertThat(dev.zennas.nasbench.Nb201Equivalence.key(dev.zennas.nasbench.Nb201Cell.parse(zeroConvRead), function))
                .isNotEqualTo(dev.zennas.nasbench.Nb201Equivalence.key(
                        dev.zennas.nasbench.Nb201Cell.parse(zeroConvUnread), function));
        double read = score(new dev.zennas.proxy.GradNorm(), zeroConvRead, settings);
        double unread = score(new dev.zennas.proxy.GradNorm(), zeroConvUnread, settings);
        assertThat(Math.abs(read - unread)).isGreaterThan(1e-6 * Math.abs(unread));
        // TE-NAS's NTK reads weight and γ gradients only, and those of a conv of zeros are exactly zero wherever its
        // shift goes: the same pair scores the same, which is why TE-NAS may share over the coarser graph classes
        double ntkRead = score(new dev.zennas.proxy.TeNas(), zeroConvRead, settings);
        double ntkUnread = score(new dev.zennas.proxy.TeNas(), zeroConvUnread, settings);
        assertThat(ntkRead).isCloseTo(ntkUnread, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(ntkUnread)));
    }

    private static double score(dev.zennas.proxy.ZeroShotProxy proxy, String arch,
            dev.zennas.proxy.ProxySettings settings) {
        return proxy.score(new dev.zennas.nasbench.Nb201Target(dev.zennas.nasbench.Nb201Cell.parse(arch),
                BenchmarkDataset.CIFAR10), settings).values()[0];
    }
}
