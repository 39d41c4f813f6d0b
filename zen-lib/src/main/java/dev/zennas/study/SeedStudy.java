package dev.zennas.study;

import dev.zennas.stats.SeedVariance;
import dev.zennas.util.PrintedDecimals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Seed-to-seed variance of random-init proxies: the same architectures (drawn once, with the base config's seed)
 * scored under several run seeds, each seed a cached {@link CorrelationStudy} of its own.
 */
public final class SeedStudy {
    private SeedStudy() {
    }

    /** Per proxy: the variance summary; plus the per-seed studies. */
    public record Result(Map<String, SeedVariance> variance, List<StudyResult> studies, Table summary) {}

    /**
     * @param base the study (space, dataset, proxies, sample drawn with its seed, batch, cache...); its tables are
     *     not written, the summary is the result
     * @param seeds the run seeds to score under (at least 2)
     */
    public static Result run(CorrelationStudy base, long[] seeds) {
        if (seeds.length < 2) {
            throw new IllegalArgumentException("a seed-variance study needs at least 2 seeds, got " + seeds.length);
        }
        int[] indices = base.indices();
        StudyExecution execution = base.execution().withoutOutDir();
        List<StudyResult> studies = new ArrayList<>();
        for (long seed : seeds) {
            studies.add(new CorrelationStudy(base.config().withSample(indices, seed), execution).run());
        }
        StudyConfig config = base.config();
        double[] target = studies.get(0).scores().doubleColumn(config.target()).asDoubleArray();
        Map<String, SeedVariance> variance = new LinkedHashMap<>();
        StringColumn proxy = StringColumn.create("proxy");
        IntColumn nSeeds = IntColumn.create("seeds");
        IntColumn nArchs = IntColumn.create("archs");
        DoubleColumn std = DoubleColumn.create("mean_per_arch_std");
        DoubleColumn s2s = DoubleColumn.create("seed_to_seed_spearman");
        DoubleColumn rhoMean = DoubleColumn.create("spearman_mean");
        DoubleColumn rhoStd = DoubleColumn.create("spearman_std");
        DoubleColumn rhoMin = DoubleColumn.create("spearman_min");
        DoubleColumn rhoMax = DoubleColumn.create("spearman_max");
        for (String p : config.proxies()) {
            double[][] scores = new double[seeds.length][];
            for (int s = 0; s < seeds.length; s++) {
                scores[s] = studies.get(s).scores().doubleColumn(p).asDoubleArray();
            }
            SeedVariance v = SeedVariance.of(finiteColumns(scores, target), finiteTarget(scores, target));
            variance.put(p, v);
            proxy.append(p);
            nSeeds.append(v.seeds());
            nArchs.append(v.archs());
            std.append(v.meanPerArchStd());
            s2s.append(v.meanSeedToSeedSpearman());
            rhoMean.append(v.spearmanMean());
            rhoStd.append(v.spearmanStd());
            rhoMin.append(java.util.Arrays.stream(v.spearmanPerSeed()).min().orElse(Double.NaN));
            rhoMax.append(java.util.Arrays.stream(v.spearmanPerSeed()).max().orElse(Double.NaN));
        }
        PrintedDecimals.set(4, std, s2s, rhoMean, rhoStd, rhoMin, rhoMax);
        Table summary = Table.create("seed variance: " + config.space().id() + " " + config.dataset().id() + ", target "
                + config.target(), proxy, nSeeds, nArchs, std, s2s, rhoMean, rhoStd, rhoMin, rhoMax);
        return new Result(variance, studies, summary);
    }

    /** Keeps the architectures whose score is finite under every seed (disconnected cells score −∞). */
    private static boolean[] keep(double[][] scores, double[] target) {
        boolean[] keep = new boolean[target.length];
        for (int a = 0; a < target.length; a++) {
            keep[a] = Double.isFinite(target[a]);
            for (double[] row : scores) {
                keep[a] &= Double.isFinite(row[a]);
            }
        }
        return keep;
    }

    private static double[][] finiteColumns(double[][] scores, double[] target) {
        boolean[] keep = keep(scores, target);
        double[][] out = new double[scores.length][];
        for (int s = 0; s < scores.length; s++) {
            out[s] = filter(scores[s], keep);
        }
        return out;
    }

    private static double[] finiteTarget(double[][] scores, double[] target) {
        return filter(target, keep(scores, target));
    }

    private static double[] filter(double[] v, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        double[] out = new double[n];
        int j = 0;
        for (int i = 0; i < v.length; i++) {
            if (keep[i]) {
                out[j++] = v[i];
            }
        }
        return out;
    }
}
