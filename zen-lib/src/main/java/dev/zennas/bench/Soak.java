package dev.zennas.bench;

import dev.zennas.arch.Structure;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ProxyException;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.TargetRef;
import dev.zennas.scoring.WorkUnit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Memory soak: {@code count} consecutive Zen-Scores of random cheap CIFAR structures (the official initial CIFAR
 * template with random widths, kernels and depths), tracking resident memory (VmRSS). The baseline is taken after a
 * warm-up of count/10 scores, once the allocator, the JIT and oneDNN's primitive cache have settled.
 */
public final class Soak {

    /** Outcome: RSS at the baseline and at the end (bytes), and the drift between them. */
    public record Result(int count, long baselineRss, long finalRss, long peakRss, double seconds, int nonFinite) {
        public double drift() {
            return (finalRss - baselineRss) / (double) baselineRss;
        }

        /** One line: resident memory at the baseline, the end and the peak, the drift against its 5% goal, the speed. */
        public String summary() {
            return String.format("RSS baseline %.1f MiB (after warm-up), final %.1f MiB, peak %.1f MiB: drift %+.2f%%"
                            + " (goal <= 5%%); %.1f s, %.1f scores/s, %d non-finite", baselineRss / 1048576.0,
                    finalRss / 1048576.0, peakRss / 1048576.0, 100 * drift(), seconds, count / seconds, nonFinite);
        }
    }

    private Soak() {
    }

    /** A random cheap CIFAR structure (widths 8–64, kernel 3/5/7, 1–2 sub-layers per block). */
    public static Structure randomStructure(SplittableRandom rng) {
        int[] kernels = {3, 5, 7};
        StringBuilder sb = new StringBuilder();
        int stem = 8 * (1 + rng.nextInt(4));
        sb.append("SuperConvK3BNRELU(3,").append(stem).append(",1,1)");
        int in = stem;
        int[] strides = {1, 2, 2, 2};
        for (int s : strides) {
            int out = 8 * (1 + rng.nextInt(8));
            int btn = 8 * (1 + rng.nextInt(4));
            int k = kernels[rng.nextInt(3)];
            String type = rng.nextBoolean() ? "SuperResK" + k + "K" + k : "SuperResK1K" + k + "K1";
            sb.append(type).append('(').append(in).append(',').append(out).append(',').append(s).append(',')
                    .append(btn).append(',').append(1 + rng.nextInt(2)).append(')');
            in = out;
        }
        sb.append("SuperConvK1BNRELU(").append(in).append(",128,1,1)");
        return Structure.parse(sb.toString());
    }

    /** Resident set size of this process in bytes (Linux /proc/self/status VmRSS), or -1. */
    public static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux
        }
        return -1;
    }

    public static Result run(int count, int batch, long seed, PrintWriter progress) {
        SplittableRandom rng = new SplittableRandom(seed);
        // Baseline after 10 % of the run: the 5,000-score soak showed RSS still settling (JVM heap sizing, oneDNN's
        // per-shape primitive cache) for the first ~500 scores, flat afterwards.
        int warmup = Math.max(1, count / 10);
        long baseline = -1;
        long peak = 0;
        int nonFinite = 0;
        long start = System.nanoTime();
        ProxySpec zen = ProxySpec.of("zen").withBatchSize(batch);
        for (int i = 0; i < count; i++) {
            Structure st = randomStructure(rng);
            ScoreResult scored = Scoring.compute(new WorkUnit(i, TargetRef.structure(st, 32, 10), zen, seed + i),
                    ExecutionSettings.defaults());
            if (scored.failed()) {
                throw new ProxyException(scored.failure());
            }
            if (!scored.result().isFinite()) {
                nonFinite++;
            }
            long r = rss();
            peak = Math.max(peak, r);
            if (i + 1 == warmup) {
                baseline = r;
            }
            if (progress != null && ((i + 1) % Math.max(1, count / 20) == 0 || i + 1 == count)) {
                progress.printf("  %d/%d scores, RSS %.1f MiB%n", i + 1, count, r / 1048576.0);
                progress.flush();
            }
        }
        if (baseline < 0) {
            baseline = rss();
        }
        return new Result(count, baseline, rss(), peak, (System.nanoTime() - start) / 1e9, nonFinite);
    }
}
