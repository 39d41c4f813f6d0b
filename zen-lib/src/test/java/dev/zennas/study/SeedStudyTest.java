package dev.zennas.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.stats.SeedVariance;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedStudyTest {

    @Test
    void sameArchitecturesUnderEverySeedAndVarianceOfAPureNoiseProxy(@TempDir Path dir) {
        CorrelationStudy base = CorrelationStudy.builder().space(BenchmarkSpace.NB201)
                .dataset(BenchmarkDataset.CIFAR10).proxy(new CorrelationStudyTest.FakeProxy(Integer.MAX_VALUE))
                .proxies("params").sample(300).seed(4).cacheDir(dir).bootstrapResamples(10).threads(2).build();
        SeedStudy.Result r = SeedStudy.run(base, new long[] {1, 2, 3});
        assertThat(r.studies()).hasSize(3);
        for (StudyResult s : r.studies()) { // one sample, drawn with the base seed, for every run seed
            assertThat(s.indices()).containsExactly(r.studies().get(0).indices());
        }
        // the fake proxy is N(0,1) noise keyed by (seed, arch): per-arch std ≈ 1, seeds uncorrelated, ρ ≈ 0
        SeedVariance fake = r.variance().get("fake");
        assertThat(fake.archs()).isEqualTo(300);
        assertThat(fake.meanPerArchStd()).isBetween(0.75, 1.2);
        assertThat(Math.abs(fake.meanSeedToSeedSpearman())).isLessThan(0.2);
        // params does not depend on the seed at all
        SeedVariance params = r.variance().get("params");
        assertThat(params.meanPerArchStd()).isZero();
        assertThat(params.spearmanStd()).isZero();
        assertThat(r.summary().rowCount()).isEqualTo(2);
        assertThatThrownBy(() -> SeedStudy.run(base, new long[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
