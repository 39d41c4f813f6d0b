package dev.zennas.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zennas.data.AnchorRow;
import dev.zennas.data.NasBenchData;
import dev.zennas.data.NaslibZcRow;
import dev.zennas.data.Nb201Row;
import dev.zennas.data.NatsSssRow;
import dev.zennas.data.PerDataset;
import dev.zennas.nasbench.BenchmarkDataset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CorrelationsTest {
    private static final double SPEARMAN_TOL = 5.0e-4;
    private static final double KENDALL_TOL = 1.0e-3;

    @Test
    void handComputedSmallCaseWithTies() {
        // x ties once, y ties once: τ-b = (4 − 0) / sqrt((6−1)(6−1)) = 0.8; ρ = 3.75 / 4.5 on average ranks.
        double[] x = {1, 1, 2, 3};
        double[] y = {1, 2, 2, 3};
        assertThat(Correlations.kendall(x, y)).isCloseTo(0.8, within(1e-12));
        assertThat(Correlations.spearman(x, y)).isCloseTo(3.75 / 4.5, within(1e-12));
        // scipy 1.17: spearmanr / kendalltau / pearsonr of these vectors.
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {2, 1, 4, 3, 6, 6};
        assertThat(Correlations.spearman(a, b)).isCloseTo(0.8696565534786727, within(1e-12));
        assertThat(Correlations.kendall(a, b)).isCloseTo(0.6900655593423543, within(1e-12));
        assertThat(Correlations.pearson(a, b)).isCloseTo(0.8798335881615015, within(1e-12));
        // Signs are kept.
        assertThat(Correlations.spearman(a, new double[] {6, 5, 4, 3, 2, 1})).isEqualTo(-1.0);
    }

    @Test
    void nanPairsAreDroppedAndMinusInfinityIsTheLowestRank() {
        double[] x = {Double.NEGATIVE_INFINITY, 1, 2, Double.NaN, 3};
        double[] y = {0, 1, 2, 100, 3};
        assertThat(Correlations.count(x, y, PairFilter.DROP_NAN)).isEqualTo(4);
        assertThat(Correlations.spearman(x, y)).isEqualTo(1.0);
        assertThat(Correlations.count(x, y, PairFilter.DROP_NON_FINITE)).isEqualTo(3);
        assertThat(Correlations.pearson(x, y)).isCloseTo(1.0, within(1e-12));
        assertThat(Correlations.spearman(new double[] {1}, new double[] {2})).isNaN();
        assertThatThrownBy(() -> Correlations.spearman(new double[2], new double[3])).hasMessageContaining("length");
    }

    /**
     * Every row of computed_anchors.csv. Spearman agrees to 5e-4 (full-benchmark rows to 1e-4) and Kendall to 1e-3: the anchor script worked on
     * the unrounded accuracies, where float noise breaks ties that the 4-decimal CSV restores, which moves τ-b (and
     * ρ a little). scipy on the shipped CSV gives our values to 1e-12 (see {@link #matchesScipyOnTheShippedCsv}).
     */
    @Test
    void reproducesAllComputedAnchorsExactly() {
        List<AnchorRow> anchors = NasBenchData.computedAnchors();
        int checked = 0;
        List<String> mismatches = new java.util.ArrayList<>();
        for (AnchorRow a : anchors) {
            BenchmarkDataset ds = BenchmarkDataset.parse(a.dataset());
            double[][] xy;
            PairFilter filter = PairFilter.DROP_NAN;
            if (a.benchmark().equals("NATS-SSS")) {
                List<NatsSssRow> rows = NasBenchData.natsSss();
                Function<NatsSssRow, PerDataset> proxy = a.proxy().equals("params") ? NatsSssRow::params
                        : NatsSssRow::flopsM;
                xy = new double[][] {rows.stream().mapToDouble(r -> proxy.apply(r).get(ds)).toArray(),
                        rows.stream().mapToDouble(r -> r.validAcc().get(ds)).toArray()};
            } else if (a.note().startsWith("NASLib subset")) {
                List<NaslibZcRow> rows = NasBenchData.naslibZcSubset(ds);
                String p = a.proxy().replace("_naslib", "");
                xy = new double[][] {rows.stream().mapToDouble(r -> r.score(p)).toArray(),
                        rows.stream().mapToDouble(NaslibZcRow::naslibValAccS888).toArray()};
                filter = PairFilter.DROP_NON_FINITE; // nwot = −inf for the disconnected arch: n = 724
            } else {
                List<Nb201Row> rows = NasBenchData.nb201().stream()
                        .filter(r -> !a.note().startsWith("connected") || r.cellConnected()).toList();
                Function<Nb201Row, PerDataset> proxy = switch (a.proxy()) {
                    case "params" -> Nb201Row::params;
                    case "flops" -> Nb201Row::flopsM;
                    case "zen_naslib" -> Nb201Row::zenNaslib;
                    default -> throw new AssertionError(a.proxy());
                };
                Function<Nb201Row, PerDataset> target = switch (a.target()) {
                    case "test_acc_mean_seeds" -> Nb201Row::testAcc;
                    case "naslib_acc_s888" -> Nb201Row::naslibAccS888;
                    case "test_acc_1seed" -> Nb201Row::testAcc1Seed;
                    case "params" -> Nb201Row::params;
                    default -> throw new AssertionError(a.target());
                };
                xy = new double[][] {rows.stream().mapToDouble(r -> proxy.apply(r).get(ds)).toArray(),
                        rows.stream().mapToDouble(r -> target.apply(r).get(ds)).toArray()};
            }
            assertThat(Correlations.count(xy[0], xy[1], filter)).as("n of %s", a).isEqualTo(a.n());
            double rho = Correlations.spearman(xy[0], xy[1], filter);
            double tau = Correlations.kendall(xy[0], xy[1], filter);
            if (Math.abs(rho - a.spearman()) > SPEARMAN_TOL) {
                mismatches.add("spearman " + rho + " vs " + a);
            }
            if (Math.abs(tau - a.kendallTauB()) > KENDALL_TOL) {
                mismatches.add("kendall " + tau + " vs " + a);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(81);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void headlineParamsAnchorOnNb201Cifar10() {
        List<Nb201Row> rows = NasBenchData.nb201();
        double[] params = rows.stream().mapToDouble(r -> r.params().cifar10()).toArray();
        double[] acc = rows.stream().mapToDouble(r -> r.testAcc().cifar10()).toArray();
        assertThat(Math.round(Correlations.spearman(params, acc) * 1e4) / 1e4).isEqualTo(0.7527);
        assertThat(Math.round(Correlations.kendall(params, acc) * 1e4) / 1e4).isEqualTo(0.5778);
    }

    /** scipy 1.17 spearmanr / kendalltau on the shipped CSV columns (computed once, pasted here). */
    @Test
    void matchesScipyOnTheShippedCsv() {
        List<Nb201Row> nb = NasBenchData.nb201();
        double[] p100 = nb.stream().mapToDouble(r -> r.params().cifar100()).toArray();
        double[] a100 = nb.stream().mapToDouble(r -> r.testAcc().cifar100()).toArray();
        assertThat(Correlations.spearman(p100, a100)).isCloseTo(0.7278262748984644, within(1e-12));
        assertThat(Correlations.kendall(p100, a100)).isCloseTo(0.55342070849419, within(1e-12));
        List<NatsSssRow> sss = NasBenchData.natsSss();
        double[] p = sss.stream().mapToDouble(r -> r.params().cifar10()).toArray();
        double[] f = sss.stream().mapToDouble(r -> r.flopsM().imagenet16()).toArray();
        double[] a = sss.stream().mapToDouble(r -> r.validAcc().cifar10()).toArray();
        double[] a16 = sss.stream().mapToDouble(r -> r.validAcc().imagenet16()).toArray();
        assertThat(Correlations.spearman(p, a)).isCloseTo(0.8778456914083815, within(1e-12));
        assertThat(Correlations.kendall(p, a)).isCloseTo(0.6974681486141641, within(1e-12));
        assertThat(Correlations.spearman(f, a16)).isCloseTo(0.5299324702742159, within(1e-12));
        assertThat(Correlations.kendall(f, a16)).isCloseTo(0.3788687483523126, within(1e-12));
    }
}
