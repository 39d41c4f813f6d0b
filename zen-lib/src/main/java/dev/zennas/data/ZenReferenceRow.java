package dev.zennas.data;

/**
 * One row of {@code nasbench/zen_numpy_reference_nb201_sample49.csv}: the Zen-Score of an NB201 network from an
 * independent NumPy implementation (batch 32, 32×32 Gaussian input), split into its two terms.
 *
 * @param archIndex NB201 index
 * @param archStr architecture string
 * @param zen ln Δ + Σ ln σ̄ (−inf for the disconnected cell)
 * @param logDelta ln Δ
 * @param sumLogBn Σ over BN layers of ln sqrt(mean running_var)
 * @param batchNormLayers number of BN layers
 */
public record ZenReferenceRow(int archIndex, String archStr, double zen, double logDelta, double sumLogBn,
        int batchNormLayers) {
}
