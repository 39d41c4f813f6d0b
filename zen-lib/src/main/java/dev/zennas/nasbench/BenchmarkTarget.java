package dev.zennas.nasbench;

import ai.djl.ndarray.NDManager;
import dev.zennas.proxy.ProxyNetwork;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ProxyTarget;
import java.util.OptionalDouble;

/**
 * A NAS-Bench-201 or NATS-SSS network as a proxy target. Each {@link #build} returns a fresh, uninitialised network
 * (the proxies allocate and fill every parameter themselves). The analytic counts are the benchmark's own: exact
 * #params and NB201-convention FLOPs of the network as built (these nets have no separate no-residual variant).
 */
public abstract sealed class BenchmarkTarget implements ProxyTarget permits Nb201Target, NatsSssTarget {
    private final BenchmarkDataset dataset;
    private final MacroSpec spec;
    private final NetworkCost cost;

    BenchmarkTarget(BenchmarkDataset dataset, MacroSpec spec) {
        if (dataset == null) {
            throw new IllegalArgumentException("dataset must not be null");
        }
        this.dataset = dataset;
        this.spec = spec;
        this.cost = NetworkCost.of(spec, dataset);
    }

    /** The dataset the network is built for (resolution, classes). */
    public BenchmarkDataset dataset() {
        return dataset;
    }

    /** The macro description shared by builder and cost model. */
    public MacroSpec spec() {
        return spec;
    }

    /** Exact analytic cost. */
    public NetworkCost cost() {
        return cost;
    }

    @Override
    public int inputChannels() {
        return 3;
    }

    @Override
    public int resolution() {
        return dataset.resolution();
    }

    @Override
    public int numClasses() {
        return dataset.numClasses();
    }

    @Override
    public ProxyNetwork build(NDManager manager, ProxySettings settings) {
        BenchmarkNetworks.Network net = BenchmarkNetworks.build(spec, dataset.numClasses());
        return new ProxyNetwork(net.features(), net.head());
    }

    /** Exact #params (NB201 counting: conv weights, BN γ/β, classifier). */
    @Override
    public OptionalDouble analyticParams() {
        return OptionalDouble.of(cost.params());
    }

    /** FLOPs (not MFLOPs) in the NB201 convention: conv MACs + classifier, at the dataset's resolution. */
    @Override
    public OptionalDouble analyticFlops() {
        return OptionalDouble.of(cost.flopsM() * 1e6);
    }

    @Override
    public String toString() {
        return id();
    }
}
