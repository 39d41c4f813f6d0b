package dev.zennas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lines {@code zen bench proxy} and {@code zen bench soak} print, from known measurements. */
class BenchReportTest {

    static ProxyBenchmark.Result result(Optional<Double> torchMedian, String note) {
        return new ProxyBenchmark.Result("net", 64, 32, 2, true, 2, 2, new double[] {0.5}, 0.5, 15.25, torchMedian,
                torchMedian.map(t -> 15.5), note, "glibc.malloc.x=1");
    }

    @Test
    void proxyReportGivesTheMachineBothSidesAndTheRatio() {
        var lines = result(Optional.of(1.25), "torch 2.1").report().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("machine: ").contains("DJL intra-op threads 2, passes concurrent"
                + " (2 core(s) per score); PyTorch threads 2; GLIBC_TUNABLES=glibc.malloc.x=1");
        assertThat(lines.subList(1, 4)).containsExactly(
                String.format("DJL    : median %.3f s/score = %.2f scores/s (mean score %.2f)", 0.5, 2.0, 15.25),
                String.format("PyTorch: median %.3f s/score = %.2f scores/s (mean score %.2f; torch 2.1)", 1.25, 0.8, 15.5),
                String.format("ratio  : DJL time / PyTorch time = %.2f (goal <= 0.5)", 0.4));
    }

    @Test
    void proxyReportSaysWhyThereIsNoReference() {
        var lines = result(Optional.empty(), "reference skipped (--no-reference)").report().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).isEqualTo("PyTorch: reference skipped (--no-reference)");
    }

    @Test
    void soakSummaryGivesTheDriftAgainstItsGoal() {
        Soak.Result r = new Soak.Result(100, 100L << 20, 103L << 20, 110L << 20, 20.0, 1);
        assertThat(r.drift()).isEqualTo(0.03);
        assertThat(r.summary()).isEqualTo(String.format("RSS baseline %.1f MiB (after warm-up), final %.1f MiB, peak"
                + " %.1f MiB: drift %+.2f%% (goal <= 5%%); %.1f s, %.1f scores/s, 1 non-finite", 100.0, 103.0, 110.0, 3.0,
                20.0, 5.0));
    }
}
