package dev.zennas.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The published numbers the workbench compares against, read from {@code data/published/*.csv} (shipped inside the
 * jar). Each row names its source (paper table or figure, or the data it was computed from). The released nets'
 * numbers live in {@link dev.zennas.arch.ReleasedNets} and the 53-network ImageNet table in
 * {@link dev.zennas.latency.AccuracyLatency#paperTable()}.
 *
 * <pre>{@code
 * Published.resnetScores().get(0).zenScore();                          // 59.53 (ResNet-18, Table 5)
 * Published.value("fig15_kendall_cifar10").value();                     // 0.91
 * Published.spearman("NB201", "cifar10", "zen", "test_acc", "all");   // 0.3858 over all 15,625 cells
 * }</pre>
 */
public final class Published {
    static final String FOLDER = "/dev/zennas/data/published/";
    public static final String RESNET_SCORES = "resnet_zen_scores.csv";
    public static final String PROXY_COMPARISON = "proxy_comparison.csv";
    public static final String PAPER_VALUES = "paper_values.csv";
    public static final String CORRELATION_ANCHORS = "correlation_anchors.csv";

    private Published() {}

    /** One ResNet of the paper's Table 5 (Zen-Score of the ResNet with its residual links removed) and Table 6. */
    public record ResNetScore(String model, int depth, double flopsG, double paramsM, double zenScore,
                              double top1He2016, double top1ZenRecipe, String source) {}

    /**
     * One proxy of the paper's Table 1: the ZenNet-style search under 1M params with that proxy as fitness, the found
     * net trained on CIFAR. {@code proxyHere} is the workbench's proxy name; the std columns are NaN except for Random.
     */
    public record ProxyComparison(String proxy, String proxyHere, double cifar10Top1, double cifar10Std,
                                  double cifar100Top1, double cifar100Std, double paramsM, double flopsM,
                                  double latencyV100Ms, String note, String source) {}

    /** A single published number (read off a figure or a small table), with its unit and context. */
    public record PaperValue(String id, String what, double value, String unit, String context, String source) {}

    /**
     * A rank correlation between a proxy and accuracy on a NAS benchmark. {@code proxy} and {@code target} are the
     * reference's names; {@code proxyHere} and {@code targetHere} the workbench's proxy and accuracy target that
     * compute the same thing (empty when none does). {@code subset}: {@code all} architectures, the {@code connected}
     * NB201 cells, or the {@code suite-zero} subset; {@code kendall} is NaN where the source gives none.
     */
    public record Anchor(String benchmark, String dataset, String proxy, String proxyHere, String target,
                         String targetHere, int n, double spearman, double kendall, String subset, String note,
                         String source) {}

    /** Table 5: ResNet-18/34/50/101/152. */
    public static List<ResNetScore> resnetScores() {
        return read(RESNET_SCORES, r -> new ResNetScore(r.getString("model"), Integer.parseInt(r.getString("depth")),
                real(r, "flops_g"), real(r, "params_m"), real(r, "zen_score"), real(r, "top1_he2016"),
                real(r, "top1_zen_recipe"), r.getString("source")));
    }

    /** Table 1: the seven proxies compared under the CIFAR 1M-params budget. */
    public static List<ProxyComparison> proxyComparison() {
        return read(PROXY_COMPARISON, r -> new ProxyComparison(r.getString("proxy"), r.getString("proxy_here"),
                real(r, "cifar10_top1"), real(r, "cifar10_top1_std"), real(r, "cifar100_top1"),
                real(r, "cifar100_top1_std"), real(r, "params_m"), real(r, "flops_m"), real(r, "latency_v100_ms"),
                r.getString("note"), r.getString("source")));
    }

    /** The single numbers: Fig. 7's curve end, Fig. 15's τ, Table 4's top-1, Table 2's timings, Table 3's cost. */
    public static List<PaperValue> paperValues() {
        return read(PAPER_VALUES, r -> new PaperValue(r.getString("id"), r.getString("what"), real(r, "value"),
                r.getString("unit"), r.getString("context"), r.getString("source")));
    }

    /** The single number of that id, or an {@link IllegalArgumentException} listing the ids. */
    public static PaperValue value(String id) {
        List<PaperValue> all = paperValues();
        return all.stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no published value '" + id + "'; known: " + String.join(", ", all.stream().map(PaperValue::id).toList())));
    }

    /** Every correlation anchor: NB201 and NATS-SSS over all architectures, the Suite-Zero subset, Abdelfattah et al. */
    public static List<Anchor> anchors() {
        return read(CORRELATION_ANCHORS, r -> new Anchor(r.getString("benchmark"), r.getString("dataset"),
                r.getString("proxy"), r.getString("proxy_here"), r.getString("target"), r.getString("target_here"),
                Integer.parseInt(r.getString("n_archs")), real(r, "spearman"), real(r, "kendall_tau_b"),
                r.getString("subset"), r.getString("note"), r.getString("source")));
    }

    /**
     * The anchor of a benchmark ({@code NB201} or {@code NATS-SSS}, case-insensitive), dataset, workbench proxy,
     * workbench target and subset ({@code all}, {@code connected}, {@code suite-zero}).
     */
    public static Optional<Anchor> anchor(String benchmark, String dataset, String proxyHere, String targetHere,
                                          String subset) {
        return anchors().stream()
                .filter(a -> a.benchmark().equalsIgnoreCase(benchmark) && a.dataset().equalsIgnoreCase(dataset)
                        && a.proxyHere().equalsIgnoreCase(proxyHere) && a.targetHere().equalsIgnoreCase(targetHere)
                        && a.subset().equalsIgnoreCase(subset))
                .findFirst();
    }

    /** The Spearman ρ of {@link #anchor}, NaN when there is none (a table cell left empty). */
    public static double spearman(String benchmark, String dataset, String proxyHere, String targetHere, String subset) {
        return anchor(benchmark, dataset, proxyHere, targetHere, subset).map(Anchor::spearman).orElse(Double.NaN);
    }

    /** A published CSV as a Tablesaw table (every column as text), for display. */
    public static Table table(String file) {
        try (InputStream in = open(file)) {
            return Table.read().usingOptions(CsvReadOptions.builder(in).tableName(file.replace(".csv", ""))
                    .columnTypesToDetect(List.of(ColumnType.STRING)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + file, e);
        }
    }

    private static <T> List<T> read(String file, Function<Row, T> row) {
        Table t = table(file);
        List<T> out = new ArrayList<>(t.rowCount());
        for (Row r : t) {
            try {
                out.add(row.apply(r));
            } catch (RuntimeException e) {
                throw new MalformedDataException(java.nio.file.Path.of("data/published", file), "row " + (r.getRowNumber() + 2) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static InputStream open(String file) {
        InputStream in = Published.class.getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new IllegalStateException(FOLDER + file + " is missing from the classpath (build zen-lib with Maven)");
        }
        return in;
    }

    /** A number, NaN for an empty cell. */
    private static double real(Row r, String column) {
        String s = r.getString(column);
        return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s.trim().toLowerCase(Locale.ROOT));
    }
}
