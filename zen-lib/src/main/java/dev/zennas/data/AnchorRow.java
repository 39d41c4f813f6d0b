package dev.zennas.data;

/**
 * One row of {@code nasbench/computed_anchors.csv}: a rank correlation computed from the released data, which the
 * workbench must reproduce exactly.
 *
 * @param benchmark {@code NB201} or {@code NATS-SSS}
 * @param dataset {@code cifar10}, {@code cifar100} or {@code imagenet16}
 * @param proxy proxy column (e.g. {@code params}, {@code zen_naslib}, {@code synflow_naslib})
 * @param target accuracy definition (e.g. {@code test_acc_mean_seeds}, {@code naslib_acc_s888}, {@code valid_acc_hp90})
 * @param n number of architectures used
 * @param spearman Spearman ρ (4 decimals)
 * @param kendallTauB Kendall τ-b (4 decimals)
 * @param note which subset
 */
public record AnchorRow(String benchmark, String dataset, String proxy, String target, int n, double spearman,
        double kendallTauB, String note) {
}
