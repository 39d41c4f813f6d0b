package dev.zennas.data;

import dev.zennas.nasbench.BenchmarkDataset;
import java.util.Map;

/**
 * One row of {@code nasbench/nb201_naslib_zc_subset.csv}: the NAS-Bench-Suite-Zero scores of one NB201
 * architecture on one dataset. Missing values are NaN; NASLib's sentinels (−1e8, −inf) are kept as they are.
 *
 * @param dataset the dataset of this row
 * @param archIndex NB201 index
 * @param archStr architecture string
 * @param naslibValAccS888 NASLib's {@code val_accuracy} (seed 888)
 * @param scores proxy name (flops, params, synflow, snip, grad_norm, fisher, grasp, jacov, nwot, epe_nas, l2_norm,
 *     plain, zen) → score
 */
public record NaslibZcRow(BenchmarkDataset dataset, int archIndex, String archStr, double naslibValAccS888,
        Map<String, Double> scores) {

    /** The proxy names of the Suite-Zero export, in file order. */
    public static final java.util.List<String> PROXIES = java.util.List.of("flops", "params", "synflow", "snip",
            "grad_norm", "fisher", "grasp", "jacov", "nwot", "epe_nas", "l2_norm", "plain", "zen");

    public NaslibZcRow {
        scores = Map.copyOf(scores);
    }

    /** Score of {@code proxy}; NaN when the export has no value. */
    public double score(String proxy) {
        Double v = scores.get(proxy);
        if (v == null) {
            throw new IllegalArgumentException("unknown Suite-Zero proxy '" + proxy + "'; known: " + PROXIES);
        }
        return v;
    }
}
