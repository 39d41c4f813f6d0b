package dev.zennas.proxy;

import ai.djl.ndarray.NDManager;
import dev.zennas.arch.Counts;
import dev.zennas.arch.Structure;
import dev.zennas.net.ZenNetBuilder;
import dev.zennas.net.ZenNetwork;
import java.util.OptionalDouble;

/**
 * A Zen-NAS structure as a proxy target. Every {@link #build} returns a fresh no-residual, no-SE network
 * (conventions §3.4, T3) with BN eps 1e-3 and PyTorch momentum 0.1, whose arrays live in the given manager.
 */
public final class StructureTarget implements ProxyTarget {

    private final Structure structure;
    private final int resolution;
    private final int numClasses;
    private final String id;

    public StructureTarget(Structure structure, int resolution, int numClasses) {
        if (structure == null) {
            throw new IllegalArgumentException("structure must not be null");
        }
        if (resolution <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("resolution and numClasses must be positive");
        }
        this.structure = structure;
        this.resolution = resolution;
        this.numClasses = numClasses;
        this.id = structure.toString();
    }

    public Structure structure() {
        return structure;
    }

    @Override public String id() { return id; }
    @Override public int inputChannels() { return structure.inChannels(); }
    @Override public int resolution() { return resolution; }
    @Override public int numClasses() { return numClasses; }

    @Override
    public ProxyNetwork build(NDManager manager, ProxySettings settings) {
        ZenNetwork net = ZenNetBuilder.proxyNetwork(structure, settings.resolutionFor(this), numClasses);
        return new ProxyNetwork(net.features(), net.head());
    }

    /** Code-rule params of the no-residual network (BN counted as C, FC bias as 1). */
    @Override
    public OptionalDouble analyticParams() {
        return OptionalDouble.of(Counts.of(structure, resolution, numClasses, false).paramsNoResidual());
    }

    /** Code-rule FLOPs of the no-residual network at this target's resolution. */
    @Override
    public OptionalDouble analyticFlops() {
        return OptionalDouble.of(Counts.of(structure, resolution, numClasses, false).flopsNoResidual());
    }

    @Override
    public String toString() {
        return "StructureTarget(" + id + ", R=" + resolution + ", classes=" + numClasses + ")";
    }
}
