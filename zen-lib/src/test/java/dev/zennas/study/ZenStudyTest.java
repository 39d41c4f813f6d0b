package dev.zennas.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.space.BenchmarkDataset;
import dev.zennas.space.BenchmarkSpace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study with the real Zen-Score on a tiny sample: thread-count independent, disconnected cells are −∞. */
class ZenStudyTest {

    @Test
    void zenScoresDoNotDependOnTheWorkerCount(@TempDir Path dir) {
        // Index 10 is a disconnected cell; the other three are connected.
        int[] archs = {0, 10, 9930, 15624};
        StudyResult one = CorrelationStudy.run(StudyConfig.builder().space(BenchmarkSpace.NB201)
                .dataset(BenchmarkDataset.CIFAR10).proxies("zen").archIndices(archs).batchSize(8).seed(5)
                .threads(1).bootstrapResamples(0).cacheDir(dir.resolve("a")).build());
        StudyResult two = CorrelationStudy.run(StudyConfig.builder().space(BenchmarkSpace.NB201)
                .dataset(BenchmarkDataset.CIFAR10).proxies("zen").archIndices(archs).batchSize(8).seed(5)
                .threads(2).bootstrapResamples(0).cacheDir(dir.resolve("b")).build());
        double[] a = one.scores().doubleColumn("zen").asDoubleArray();
        double[] b = two.scores().doubleColumn("zen").asDoubleArray();
        assertThat(a).containsExactly(b);
        assertThat(a[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(a[0]).isBetween(50.0, 300.0);
        assertThat(one.summaryOf("zen").n()).isEqualTo(4);
        assertThat(one.summaryOf("zen").failed()).isZero();
    }
}
