package dev.zennas.nasbench;

/** An NAS-Bench-201 network (cell genotype + dataset) as a proxy target. */
public final class Nb201Target extends BenchmarkTarget {
    private final Nb201Cell cell;

    public Nb201Target(Nb201Cell cell, BenchmarkDataset dataset) {
        super(dataset, MacroSpec.nb201(cell));
        this.cell = cell;
    }

    public Nb201Cell cell() {
        return cell;
    }

    /** {@code nb201:<dataset>:<arch_str>}. */
    @Override
    public String id() {
        return "nb201:" + dataset().id() + ":" + cell;
    }
}
