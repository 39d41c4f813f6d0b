package dev.zennas.nasbench;

/** A NATS-Bench size-space network (widths + dataset) as a proxy target. */
public final class NatsSssTarget extends BenchmarkTarget {
    private final NatsSssArch arch;

    public NatsSssTarget(NatsSssArch arch, BenchmarkDataset dataset) {
        super(dataset, MacroSpec.natsSss(arch));
        this.arch = arch;
    }

    public NatsSssArch arch() {
        return arch;
    }

    /** {@code nats-sss:<dataset>:<c0:c1:c2:c3:c4>}. */
    @Override
    public String id() {
        return "nats-sss:" + dataset().id() + ":" + arch;
    }
}
