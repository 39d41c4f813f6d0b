package dev.zennas.data;

import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.Nb201Cell;

/**
 * One row of {@code nasbench/nb201.csv}: an NAS-Bench-201 architecture with its trained accuracies, the
 * NAS-Bench-Suite-Zero Zen-Score, and the benchmark's #params / FLOPs (column definitions in the data README).
 *
 * @param archIndex official NB201 / NATS-TSS index
 * @param archStr architecture string
 * @param cellConnected false for the 341 cells without an input→output path
 * @param testAcc standard target: test accuracy (%), mean over seeds, 200 epochs (C10: ori-test of the 50k run;
 *     C100/IN16: x-test)
 * @param testAcc1Seed the same metric for one random seed
 * @param naslibAccS888 NASLib's {@code val_accuracy} (C10: cifar10-valid run → ori-test; seed 888)
 * @param zenNaslib NAS-Bench-Suite-Zero Zen-Score (−1e8 for disconnected cells)
 * @param params exact #params per dataset (class count differs)
 * @param flopsM NB201-convention MFLOPs per dataset
 */
public record Nb201Row(int archIndex, String archStr, boolean cellConnected, PerDataset testAcc,
        PerDataset testAcc1Seed, PerDataset naslibAccS888, PerDataset zenNaslib, PerDataset params,
        PerDataset flopsM) {

    /** The parsed cell genotype. */
    public Nb201Cell cell() {
        return Nb201Cell.parse(archStr);
    }

    /** Exact #params for {@code dataset}. */
    public long paramsOf(BenchmarkDataset dataset) {
        return (long) params.get(dataset);
    }
}
