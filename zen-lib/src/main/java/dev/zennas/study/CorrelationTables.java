package dev.zennas.study;

import dev.zennas.data.AnchorRow;
import dev.zennas.data.NasBenchData;
import dev.zennas.data.Nb201Row;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.nasbench.Nb201Cell;
import dev.zennas.nasbench.Nb201Op;
import dev.zennas.nasbench.NetworkCost;
import dev.zennas.stats.Correlations;
import dev.zennas.stats.TopK;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Ready-made tables for the correlation notebook: published anchors next to our numbers, the anatomy of the
 * Zen-Score on NB201, precision@k curves. Each method is cheap (no tensors) unless it takes a {@link StudyResult}.
 */
public final class CorrelationTables {
    private CorrelationTables() {
    }

    /**
     * #params and FLOPs over <em>all</em> architectures of both spaces and all datasets, computed from the exact
     * cost model, next to the values in {@code computed_anchors.csv}.
     */
    public static Table analyticVersusAnchors() {
        Table t = Table.create("analytic proxies, all architectures");
        StringColumn space = StringColumn.create("space");
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn proxy = StringColumn.create("proxy");
        IntColumn n = IntColumn.create("n");
        DoubleColumn rho = DoubleColumn.create("spearman");
        DoubleColumn rhoRef = DoubleColumn.create("spearman (anchor)");
        DoubleColumn tau = DoubleColumn.create("kendall");
        DoubleColumn tauRef = DoubleColumn.create("kendall (anchor)");
        List<AnchorRow> anchors = NasBenchData.computedAnchors();
        for (BenchmarkSpace sp : BenchmarkSpace.values()) {
            for (BenchmarkDataset ds : BenchmarkDataset.values()) {
                double[] acc = new double[sp.size()];
                double[] params = new double[sp.size()];
                double[] flops = new double[sp.size()];
                for (int i = 0; i < sp.size(); i++) {
                    acc[i] = sp.accuracy(i, ds, sp.defaultTarget());
                    NetworkCost c = sp.cost(i, ds);
                    params[i] = c.params();
                    flops[i] = c.flopsM();
                }
                for (String p : List.of("params", "flops")) {
                    double[] x = p.equals("params") ? params : flops;
                    String bench = sp == BenchmarkSpace.NB201 ? "NB201" : "NATS-SSS";
                    String target = sp == BenchmarkSpace.NB201 ? "test_acc_mean_seeds" : "valid_acc_hp90";
                    AnchorRow a = anchors.stream().filter(r -> r.benchmark().equals(bench)
                            && r.dataset().equals(ds.id()) && r.proxy().equals(p) && r.target().equals(target)
                            && r.note().equals("all")).findFirst().orElse(null);
                    space.append(sp.id());
                    dataset.append(ds.id());
                    proxy.append(p);
                    n.append(sp.size());
                    rho.append(round4(Correlations.spearman(x, acc)));
                    tau.append(round4(Correlations.kendall(x, acc)));
                    rhoRef.append(a == null ? Double.NaN : a.spearman());
                    tauRef.append(a == null ? Double.NaN : a.kendallTauB());
                }
            }
        }
        t.addColumns(space, dataset, proxy, n, rho, rhoRef, tau, tauRef);
        return t;
    }

    /**
     * Why the Zen-Score is weak on NB201, from the released NAS-Bench-Suite-Zero Zen values of all connected
     * cells: Spearman ρ of each cell feature with the Zen-Score and with the accuracy.
     */
    public static Table zenAnatomyNb201(BenchmarkDataset dataset) {
        List<Nb201Row> rows = NasBenchData.nb201().stream().filter(Nb201Row::cellConnected).toList();
        double[] zen = rows.stream().mapToDouble(r -> r.zenNaslib().get(dataset)).toArray();
        double[] acc = rows.stream().mapToDouble(r -> r.testAcc().get(dataset)).toArray();
        Map<String, ToDoubleFunction<Nb201Row>> features = new java.util.LinkedHashMap<>();
        for (Nb201Op op : Nb201Op.values()) {
            features.put("#" + op.token(), r -> r.cell().count(op));
        }
        features.put("#BN layers", r -> NetworkCost.nb201(r.cell(), dataset).batchNormLayers());
        features.put("#params", r -> r.params().get(dataset));
        Table t = Table.create("NB201 " + dataset.id() + ": what the Zen-Score follows (" + rows.size()
                + " connected cells)");
        StringColumn feature = StringColumn.create("cell feature");
        DoubleColumn withZen = DoubleColumn.create("rho with Zen-Score");
        DoubleColumn withAcc = DoubleColumn.create("rho with accuracy");
        features.forEach((name, f) -> {
            double[] x = rows.stream().mapToDouble(f).toArray();
            feature.append(name);
            withZen.append(round4(Correlations.spearman(x, zen)));
            withAcc.append(round4(Correlations.spearman(x, acc)));
        });
        t.addColumns(feature, withZen, withAcc);
        return t;
    }

    /** Mean and best accuracy of the top-k architectures by NASLib Zen-Score and by #params (all NB201 archs). */
    public static Table topKAccuracyNb201(BenchmarkDataset dataset, int k) {
        List<Nb201Row> rows = NasBenchData.nb201();
        double[] acc = rows.stream().mapToDouble(r -> r.testAcc().get(dataset)).toArray();
        Table t = Table.create("NB201 " + dataset.id() + ": the top " + k + " architectures of each proxy");
        StringColumn proxy = StringColumn.create("proxy");
        DoubleColumn mean = DoubleColumn.create("mean accuracy of top " + k);
        DoubleColumn best = DoubleColumn.create("best accuracy in top " + k);
        DoubleColumn prec = DoubleColumn.create("precision@" + k);
        Map<String, double[]> proxies = new java.util.LinkedHashMap<>();
        proxies.put("zen (Suite-Zero)", rows.stream().mapToDouble(r -> r.zenNaslib().get(dataset)).toArray());
        proxies.put("params", rows.stream().mapToDouble(r -> r.params().get(dataset)).toArray());
        proxies.put("accuracy (oracle)", acc);
        proxies.forEach((name, x) -> {
            proxy.append(name);
            mean.append(round4(TopK.meanAccuracyOfTop(x, acc, k)));
            best.append(round4(TopK.bestAccuracyOfTop(x, acc, k)));
            prec.append(round4(TopK.precisionAtK(x, acc, k)));
        });
        t.addColumns(proxy, mean, best, prec);
        return t;
    }

    /**
     * precision@k (fraction of the proxy's top k % among the accuracy's top k %) for each score column of
     * {@code scores} against {@code accuracyColumn}, at k = 1, 2, 5, 10, 20, 50 %: long format
     * {@code proxy, top_percent, precision}.
     */
    public static Table precisionCurve(Table scores, String accuracyColumn, List<String> scoreColumns) {
        double[] acc = scores.numberColumn(accuracyColumn).asDoubleArray();
        Table t = Table.create("precision@k");
        StringColumn proxy = StringColumn.create("proxy");
        DoubleColumn pct = DoubleColumn.create("top_percent");
        DoubleColumn prec = DoubleColumn.create("precision");
        for (String col : scoreColumns) {
            double[] x = scores.numberColumn(col).asDoubleArray();
            for (double f : new double[] {0.01, 0.02, 0.05, 0.10, 0.20, 0.50}) {
                int k = (int) Math.ceil(f * x.length);
                if (k < 1 || k > x.length) {
                    continue;
                }
                proxy.append(col);
                pct.append(f * 100);
                prec.append(TopK.precisionAtK(x, acc, k));
            }
        }
        t.addColumns(proxy, pct, prec);
        return t;
    }

    /**
     * The Suite-Zero (NASLib) Zen-Score of the architectures of an NB201 study, as an extra score column, so the
     * same sample can be correlated with both implementations.
     */
    public static Table withNaslibZen(StudyResult nb201Study) {
        if (nb201Study.config().space() != BenchmarkSpace.NB201) {
            throw new IllegalArgumentException("NASLib Zen-Scores exist only for NB201");
        }
        BenchmarkDataset ds = nb201Study.config().dataset();
        Table t = nb201Study.scores().copy();
        t.addColumns(DoubleColumn.create("zen_naslib", java.util.Arrays.stream(nb201Study.indices())
                .mapToDouble(i -> NasBenchData.nb201().get(i).zenNaslib().get(ds))));
        return t;
    }

    /**
     * The finite-score rows of an NB201 scores table with a grouping column {@code pooling edges} ("0 pool",
     * "1 pool", ...), for scatter plots: pooling is what the Zen-Score misses.
     */
    public static Table finiteWithPoolGroups(Table nb201Scores, String scoreColumn) {
        Table t = nb201Scores.where(nb201Scores.doubleColumn(scoreColumn).isGreaterThan(-1e300));
        StringColumn group = StringColumn.create("pooling edges");
        for (String arch : t.stringColumn("arch_str")) {
            group.append(Nb201Cell.parse(arch).count(Nb201Op.AVG_POOL_3X3) + " pool");
        }
        return t.addColumns(group);
    }

    private static double round4(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }
}
