package dev.zennas.study;

import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.proxy.ZeroShotProxy;
import java.io.Serializable;
import java.util.List;

/**
 * What a {@link CorrelationStudy} computes: which architectures, which proxies with which settings, against which
 * accuracy, with which statistics. Plain data: the same config gives the same scores and the same tables whatever
 * {@link StudyExecution} runs it. Build both with {@link CorrelationStudy#builder()}.
 *
 * @param space NB201 or NATS-SSS
 * @param dataset which dataset's networks (resolution, classes) and accuracies
 * @param proxies proxy names, in output order ({@code params} and {@code flops} are analytic: no tensors)
 * @param sample number of architectures to draw uniformly without replacement with {@code seed}; 0 = all
 * @param archIndices explicit architecture indices (overrides {@code sample}); null = use {@code sample}
 * @param seed run seed: drives the sample and, per architecture, the proxy's random draws
 * @param batchSize proxy batch size (Zen/Suite-Zero: 64)
 * @param repeats proxy repeats per architecture (averaged)
 * @param target accuracy definition (see {@link BenchmarkSpace#targets()}); null = the space's standard one
 * @param bootstrapResamples resamples for the 95 % confidence intervals (0 = no intervals; capped at 200 above
 *     2,000 archs, see {@link dev.zennas.stats.Bootstrap#affordableResamples})
 * @param shareEquivalent NB201 only: proxies whose score depends only on the computed graph
 *     ({@link ZeroShotProxy#dependsOnlyOnComputedGraph()}: the Zen-Score, NASWOT) score one representative of each class of
 *     equivalent cells ({@link dev.zennas.nasbench.Nb201Equivalence}) and give its score to every member: 6,239
 *     networks instead of 15,625; proxies that depend only on the function of the parameters
 *     ({@link ZeroShotProxy#dependsOnlyOnParameterFunction()}: GradNorm, SynFlow) do the same over its finer
 *     classes (6,594 networks). Off by default: then every architecture gets its own draw, as in NASLib.
 */
public record StudyConfig(BenchmarkSpace space, BenchmarkDataset dataset, List<String> proxies, int sample,
        int[] archIndices, long seed, int batchSize, int repeats, String target, int bootstrapResamples,
        boolean shareEquivalent) implements Serializable {

    public StudyConfig {
        if (space == null || dataset == null) {
            throw new IllegalArgumentException("space and dataset are required");
        }
        if (proxies == null || proxies.isEmpty()) {
            throw new IllegalArgumentException("at least one proxy is required");
        }
        proxies = List.copyOf(proxies);
        if (proxies.stream().distinct().count() != proxies.size()) {
            throw new IllegalArgumentException("proxy list has duplicates: " + proxies);
        }
        if (sample < 0) {
            throw new IllegalArgumentException("sample must be >= 0 (0 = all), got " + sample);
        }
        if (archIndices != null) {
            archIndices = archIndices.clone();
            for (int i : archIndices) {
                if (i < 0 || i >= space.size()) {
                    throw new IllegalArgumentException(space.id() + " index out of range: " + i);
                }
            }
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        if (target == null) {
            target = space.defaultTarget();
        } else if (!space.targets().contains(target)) {
            throw new IllegalArgumentException("unknown target '" + target + "' for " + space.id() + "; expected one of "
                    + space.targets());
        }
        if (bootstrapResamples < 0) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 0, got " + bootstrapResamples);
        }
        if (shareEquivalent && space != BenchmarkSpace.NB201) {
            throw new IllegalArgumentException("sharing draws between equivalent cells applies to nb201 only; every "
                    + space.id() + " architecture is a different network");
        }
    }

    @Override
    public int[] archIndices() {
        return archIndices == null ? null : archIndices.clone();
    }

    /** The same study of {@code indices} under run seed {@code seed} (a seed-variance study's per-seed run). */
    public StudyConfig withSample(int[] indices, long seed) {
        return new StudyConfig(space, dataset, proxies, 0, indices, seed, batchSize, repeats, target,
                bootstrapResamples, shareEquivalent);
    }
}
