package dev.zennas.nasbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.data.NasBenchData;
import dev.zennas.data.ZenReferenceRow;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ZenScore;
import dev.zennas.stats.Correlations;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our NB201 networks under the workbench's Zen-Score agree with an independent NumPy implementation
 * ({@code zen_numpy_reference_nb201_sample49.csv}, batch 32). Different random draws, so the agreement is
 * statistical: the NumPy version itself differs from NASLib by 1.09 on average.
 */
class Nb201ZenReferenceTest {

    @org.junit.jupiter.api.BeforeAll
    static void loadEngine() {
        // JniUtils (used by the proxies for grad mode) needs the native library loaded first.
        ai.djl.engine.Engine.getInstance();
    }

    @Test
    void zenScoresMatchTheNumpyReference() {
        // The first 16 connected archs plus the disconnected one keep the class under a minute on 2 loaded cores;
        // all 48 gave mean |diff| 1.34 and Spearman 0.9992 (one run, seeds 1000+i).
        List<ZenReferenceRow> all = NasBenchData.zenNumpyReference();
        List<ZenReferenceRow> refs = new java.util.ArrayList<>(all.stream().filter(r -> Double.isFinite(r.zen()))
                .limit(16).toList());
        refs.addAll(all.stream().filter(r -> !Double.isFinite(r.zen())).toList());
        ZenScore zen = new ZenScore();
        ProxySettings settings = ProxySettings.defaults().withBatchSize(32).withSeed(2);
        double[] ours = new double[refs.size()];
        double[] theirs = new double[refs.size()];
        double absDiff = 0;
        int finite = 0;
        for (int i = 0; i < refs.size(); i++) {
            ZenReferenceRow ref = refs.get(i);
            ProxyResult r = zen.score(new Nb201Target(Nb201Cell.parse(ref.archStr()), BenchmarkDataset.CIFAR10),
                    settings.withSeed(1000 + i));
            ours[i] = r.values()[0];
            theirs[i] = ref.zen();
            if (Double.isFinite(ref.zen())) {
                absDiff += Math.abs(ours[i] - theirs[i]);
                finite++;
            } else {
                assertThat(ours[i]).as("disconnected cell " + ref.archStr()).isEqualTo(Double.NEGATIVE_INFINITY);
            }
        }
        double mad = absDiff / finite;
        double rho = Correlations.spearman(ours, theirs);
        System.out.printf("NB201 Zen vs NumPy reference: n=%d finite, mean |diff| = %.3f, Spearman = %.4f%n", finite,
                mad, rho);
        assertThat(finite).isEqualTo(16);
        assertThat(mad).isLessThan(2.5);
        assertThat(rho).isGreaterThan(0.98);
        assertThat(refs).hasSize(17);
    }
}
