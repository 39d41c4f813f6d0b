package dev.zennas.data;

import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.NatsSssArch;

/**
 * One row of {@code nasbench/nats_sss.csv}: a NATS-Bench size-space network with its validation accuracies
 * ({@code x-valid@89}, 90 epochs, seed 777) and #params / FLOPs.
 *
 * @param archIndex official index (lexicographic in the widths, last fastest)
 * @param archStr {@code c0:c1:c2:c3:c4}
 * @param validAcc validation accuracy (%) per dataset (C10: cifar10-valid run → x-valid; C100/IN16: x-valid)
 * @param params exact #params per dataset
 * @param flopsM NB201-convention MFLOPs per dataset
 */
public record NatsSssRow(int archIndex, String archStr, PerDataset validAcc, PerDataset params, PerDataset flopsM) {

    /** The parsed architecture. */
    public NatsSssArch arch() {
        return NatsSssArch.parse(archStr);
    }

    /** Exact #params for {@code dataset}. */
    public long paramsOf(BenchmarkDataset dataset) {
        return (long) params.get(dataset);
    }
}
