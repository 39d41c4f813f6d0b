package dev.zennas.search;

import dev.zennas.arch.Structure;
import dev.zennas.proxy.ZenConvention;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.TargetRef;

/**
 * The fitness of a search as data (not a lambda), so a run can be written to its ledger, resumed, and later shipped
 * to another machine: which proxy and with which settings.
 *
 * @param proxy      proxy name: a built-in of {@link Scorers} or a zero-shot proxy of {@code dev.zennas.proxy}
 * @param batchSize  proxy batch size (official: 64; NASWOT 8)
 * @param resolution proxy input resolution (the search resolution)
 * @param numClasses classes of the FC head
 * @param gamma      Zen-score perturbation α (official 0.01)
 * @param repeats    repeats averaged per candidate (official 1)
 */
public record FitnessSpec(String proxy, int batchSize, int resolution, int numClasses, double gamma, int repeats) {
    public FitnessSpec {
        if (proxy == null || proxy.isBlank()) throw new IllegalArgumentException("fitness proxy name must not be empty");
        if (batchSize <= 0) throw new IllegalArgumentException("proxy batch size must be positive, got " + batchSize);
        if (resolution <= 0) throw new IllegalArgumentException("proxy resolution must be positive, got " + resolution);
        if (numClasses <= 0) throw new IllegalArgumentException("number of classes must be positive, got " + numClasses);
        if (!(gamma > 0)) throw new IllegalArgumentException("gamma must be positive, got " + gamma);
        if (repeats <= 0) throw new IllegalArgumentException("repeats must be positive, got " + repeats);
    }

    /** The proxy and its settings as a scoring spec (the search's resolution, convention A). */
    public ProxySpec proxySpec() {
        return new ProxySpec(proxy, batchSize, resolution, gamma, repeats, ZenConvention.A);
    }

    /** A candidate as a scoring target: at the search resolution, with the spec's classes. */
    public TargetRef target(Structure s) {
        return TargetRef.structure(s, resolution, numClasses);
    }

    public FitnessSpec withProxy(String p) { return new FitnessSpec(p, batchSize, resolution, numClasses, gamma, repeats); }
    public FitnessSpec withBatchSize(int b) { return new FitnessSpec(proxy, b, resolution, numClasses, gamma, repeats); }
    public FitnessSpec withResolution(int r) { return new FitnessSpec(proxy, batchSize, r, numClasses, gamma, repeats); }
    public FitnessSpec withNumClasses(int k) { return new FitnessSpec(proxy, batchSize, resolution, k, gamma, repeats); }
    public FitnessSpec withGamma(double g) { return new FitnessSpec(proxy, batchSize, resolution, numClasses, g, repeats); }
    public FitnessSpec withRepeats(int n) { return new FitnessSpec(proxy, batchSize, resolution, numClasses, gamma, n); }
}
