package dev.zennas.data;

import dev.zennas.nasbench.BenchmarkDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Loads the NAS-Bench-201 / NATS-Bench ground truth shipped in the data folder ({@code nasbench/*.csv}, found with
 * {@link DataPaths}), as records and as Tablesaw tables. Files are parsed once per process and cached (they are
 * immutable). A missing file raises {@link DataNotFoundException}; a file with a missing column, a bad number or a
 * wrong row count raises {@link MalformedDataException}; both name the file.
 */
public final class NasBenchData {
    public static final String NB201 = "nasbench/nb201.csv";
    public static final String NATS_SSS = "nasbench/nats_sss.csv";
    public static final String NASLIB_ZC_SUBSET = "nasbench/nb201_naslib_zc_subset.csv";
    public static final String ZEN_NUMPY_REFERENCE = "nasbench/zen_numpy_reference_nb201_sample49.csv";
    public static final String COMPUTED_ANCHORS = "nasbench/computed_anchors.csv";

    /** Number of NB201 architectures. */
    public static final int NB201_SIZE = 15_625;

    private static final Map<String, List<?>> CACHE = new ConcurrentHashMap<>();

    private NasBenchData() {
    }

    /** All 15,625 NB201 rows, ordered by {@code arch_index} (row i has index i). */
    @SuppressWarnings("unchecked")
    public static List<Nb201Row> nb201() {
        return (List<Nb201Row>) CACHE.computeIfAbsent(NB201, k -> readNb201(DataPaths.find(k), true));
    }

    /** All 32,768 NATS-SSS rows, ordered by {@code arch_index}. */
    @SuppressWarnings("unchecked")
    public static List<NatsSssRow> natsSss() {
        return (List<NatsSssRow>) CACHE.computeIfAbsent(NATS_SSS, k -> readNatsSss(DataPaths.find(k), true));
    }

    /** The NAS-Bench-Suite-Zero subset (725/725/724 rows for C10/C100/IN16). */
    @SuppressWarnings("unchecked")
    public static List<NaslibZcRow> naslibZcSubset() {
        return (List<NaslibZcRow>) CACHE.computeIfAbsent(NASLIB_ZC_SUBSET,
                k -> readNaslibZcSubset(DataPaths.find(k)));
    }

    /** The Suite-Zero subset rows of one dataset. */
    public static List<NaslibZcRow> naslibZcSubset(BenchmarkDataset dataset) {
        return naslibZcSubset().stream().filter(r -> r.dataset() == dataset).toList();
    }

    /** The 49 NumPy Zen-Score reference rows (batch 32). */
    @SuppressWarnings("unchecked")
    public static List<ZenReferenceRow> zenNumpyReference() {
        return (List<ZenReferenceRow>) CACHE.computeIfAbsent(ZEN_NUMPY_REFERENCE,
                k -> readZenReference(DataPaths.find(k)));
    }

    /** The 81 computed correlation anchors. */
    @SuppressWarnings("unchecked")
    public static List<AnchorRow> computedAnchors() {
        return (List<AnchorRow>) CACHE.computeIfAbsent(COMPUTED_ANCHORS, k -> readAnchors(DataPaths.find(k)));
    }

    /**
     * Reads an {@code nb201.csv}-layout file.
     *
     * @param complete when true, the file must hold exactly the 15,625 architectures in index order
     */
    public static List<Nb201Row> readNb201(Path file, boolean complete) {
        CsvFile csv = CsvFile.read(file, "arch_index", "arch_str", "cell_connected", "cifar10_test_acc",
                "cifar100_test_acc", "imagenet16_test_acc", "cifar10_test_acc_1seed", "cifar100_test_acc_1seed",
                "imagenet16_test_acc_1seed", "naslib_cifar10valid_test_acc_s888", "naslib_cifar100_test_acc_s888",
                "naslib_imagenet16_test_acc_s888", "zen_naslib_cifar10", "zen_naslib_cifar100",
                "zen_naslib_imagenet16", "params_cifar10", "params_cifar100", "params_imagenet16", "flops_m_cifar10",
                "flops_m_cifar100", "flops_m_imagenet16");
        List<Nb201Row> rows = new ArrayList<>(csv.size());
        for (int i = 0; i < csv.size(); i++) {
            int index = csv.integer(i, "arch_index");
            if (complete && index != i) {
                throw csv.error(i, "arch_index", "expected index " + i + " (rows must be in index order), got " + index);
            }
            PerDataset naslib = new PerDataset(csv.real(i, "naslib_cifar10valid_test_acc_s888"),
                    csv.real(i, "naslib_cifar100_test_acc_s888"), csv.real(i, "naslib_imagenet16_test_acc_s888"));
            rows.add(new Nb201Row(index, csv.string(i, "arch_str"), csv.integer(i, "cell_connected") != 0,
                    PerDataset.read(csv, i, "", "_test_acc"), PerDataset.read(csv, i, "", "_test_acc_1seed"), naslib,
                    PerDataset.read(csv, i, "zen_naslib_", ""), PerDataset.read(csv, i, "params_", ""),
                    PerDataset.read(csv, i, "flops_m_", "")));
        }
        if (complete && rows.size() != NB201_SIZE) {
            throw new MalformedDataException(file, "expected " + NB201_SIZE + " architectures, found " + rows.size());
        }
        return List.copyOf(rows);
    }

    /**
     * Reads a {@code nats_sss.csv}-layout file.
     *
     * @param complete when true, the file must hold exactly the 32,768 architectures in index order
     */
    public static List<NatsSssRow> readNatsSss(Path file, boolean complete) {
        CsvFile csv = CsvFile.read(file, "arch_index", "arch_str", "cifar10_valid_acc", "cifar100_valid_acc",
                "imagenet16_valid_acc", "params_cifar10", "params_cifar100", "params_imagenet16", "flops_m_cifar10",
                "flops_m_cifar100", "flops_m_imagenet16");
        List<NatsSssRow> rows = new ArrayList<>(csv.size());
        for (int i = 0; i < csv.size(); i++) {
            int index = csv.integer(i, "arch_index");
            if (complete && index != i) {
                throw csv.error(i, "arch_index", "expected index " + i + " (rows must be in index order), got " + index);
            }
            rows.add(new NatsSssRow(index, csv.string(i, "arch_str"), PerDataset.read(csv, i, "", "_valid_acc"),
                    PerDataset.read(csv, i, "params_", ""), PerDataset.read(csv, i, "flops_m_", "")));
        }
        if (complete && rows.size() != dev.zennas.nasbench.NatsSssArch.SIZE) {
            throw new MalformedDataException(file, "expected " + dev.zennas.nasbench.NatsSssArch.SIZE
                    + " architectures, found " + rows.size());
        }
        return List.copyOf(rows);
    }

    /** Reads an {@code nb201_naslib_zc_subset.csv}-layout file. */
    public static List<NaslibZcRow> readNaslibZcSubset(Path file) {
        List<String> required = new ArrayList<>(List.of("dataset", "arch_index", "arch_str", "naslib_val_acc_s888"));
        required.addAll(NaslibZcRow.PROXIES);
        CsvFile csv = CsvFile.read(file, required.toArray(String[]::new));
        List<NaslibZcRow> rows = new ArrayList<>(csv.size());
        for (int i = 0; i < csv.size(); i++) {
            BenchmarkDataset ds;
            try {
                ds = BenchmarkDataset.parse(csv.string(i, "dataset"));
            } catch (IllegalArgumentException e) {
                throw csv.error(i, "dataset", e.getMessage());
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            for (String p : NaslibZcRow.PROXIES) {
                scores.put(p, csv.real(i, p));
            }
            rows.add(new NaslibZcRow(ds, csv.integer(i, "arch_index"), csv.string(i, "arch_str"),
                    csv.real(i, "naslib_val_acc_s888"), scores));
        }
        return List.copyOf(rows);
    }

    /** Reads a {@code zen_numpy_reference_nb201_sample49.csv}-layout file. */
    public static List<ZenReferenceRow> readZenReference(Path file) {
        CsvFile csv = CsvFile.read(file, "arch_index", "arch_str", "zen", "log_delta", "sum_log_bn", "n_bn");
        List<ZenReferenceRow> rows = new ArrayList<>();
        for (int i = 0; i < csv.size(); i++) {
            rows.add(new ZenReferenceRow(csv.integer(i, "arch_index"), csv.string(i, "arch_str"), csv.real(i, "zen"),
                    csv.real(i, "log_delta"), csv.real(i, "sum_log_bn"), csv.integer(i, "n_bn")));
        }
        return List.copyOf(rows);
    }

    /** Reads a {@code computed_anchors.csv}-layout file. */
    public static List<AnchorRow> readAnchors(Path file) {
        CsvFile csv = CsvFile.read(file, "benchmark", "dataset", "proxy", "target", "n_archs", "spearman",
                "kendall_tau_b", "note");
        List<AnchorRow> rows = new ArrayList<>();
        for (int i = 0; i < csv.size(); i++) {
            rows.add(new AnchorRow(csv.string(i, "benchmark"), csv.string(i, "dataset"), csv.string(i, "proxy"),
                    csv.string(i, "target"), csv.integer(i, "n_archs"), csv.real(i, "spearman"),
                    csv.real(i, "kendall_tau_b"), csv.string(i, "note")));
        }
        return List.copyOf(rows);
    }

    /**
     * NB201 as a Tablesaw table: {@code arch_index, arch_str, cell_connected}, then per dataset
     * {@code <ds>_test_acc, <ds>_naslib_acc_s888, <ds>_zen_naslib, <ds>_params, <ds>_flops_m}.
     */
    public static Table nb201Table() {
        List<Nb201Row> rows = nb201();
        Table t = Table.create("nb201");
        t.addColumns(IntColumn.create("arch_index", rows.stream().mapToInt(Nb201Row::archIndex).toArray()),
                StringColumn.create("arch_str", rows.stream().map(Nb201Row::archStr).toList()),
                BooleanColumn.create("cell_connected", rows.size()));
        BooleanColumn connected = t.booleanColumn("cell_connected");
        for (int i = 0; i < rows.size(); i++) {
            connected.set(i, rows.get(i).cellConnected());
        }
        for (BenchmarkDataset ds : BenchmarkDataset.values()) {
            t.addColumns(
                    DoubleColumn.create(ds.id() + "_test_acc", rows.stream().mapToDouble(r -> r.testAcc().get(ds))),
                    DoubleColumn.create(ds.id() + "_naslib_acc_s888",
                            rows.stream().mapToDouble(r -> r.naslibAccS888().get(ds))),
                    DoubleColumn.create(ds.id() + "_zen_naslib", rows.stream().mapToDouble(r -> r.zenNaslib().get(ds))),
                    LongColumn.create(ds.id() + "_params", rows.stream().mapToLong(r -> r.paramsOf(ds)).toArray()),
                    DoubleColumn.create(ds.id() + "_flops_m", rows.stream().mapToDouble(r -> r.flopsM().get(ds))));
        }
        return t;
    }

    /**
     * NATS-SSS as a Tablesaw table: {@code arch_index, arch_str, c0..c4}, then per dataset
     * {@code <ds>_valid_acc, <ds>_params, <ds>_flops_m}.
     */
    public static Table natsSssTable() {
        List<NatsSssRow> rows = natsSss();
        Table t = Table.create("nats_sss");
        t.addColumns(IntColumn.create("arch_index", rows.stream().mapToInt(NatsSssRow::archIndex).toArray()),
                StringColumn.create("arch_str", rows.stream().map(NatsSssRow::archStr).toList()));
        for (int j = 0; j < 5; j++) {
            final int jj = j;
            t.addColumns(IntColumn.create("c" + j, rows.stream().mapToInt(r -> r.arch().channel(jj)).toArray()));
        }
        for (BenchmarkDataset ds : BenchmarkDataset.values()) {
            t.addColumns(
                    DoubleColumn.create(ds.id() + "_valid_acc", rows.stream().mapToDouble(r -> r.validAcc().get(ds))),
                    LongColumn.create(ds.id() + "_params", rows.stream().mapToLong(r -> r.paramsOf(ds)).toArray()),
                    DoubleColumn.create(ds.id() + "_flops_m", rows.stream().mapToDouble(r -> r.flopsM().get(ds))));
        }
        return t;
    }

    /** The Suite-Zero subset as a Tablesaw table (one column per proxy). */
    public static Table naslibZcSubsetTable() {
        List<NaslibZcRow> rows = naslibZcSubset();
        Table t = Table.create("nb201_naslib_zc_subset");
        t.addColumns(StringColumn.create("dataset", rows.stream().map(r -> r.dataset().id()).toList()),
                IntColumn.create("arch_index", rows.stream().mapToInt(NaslibZcRow::archIndex).toArray()),
                StringColumn.create("arch_str", rows.stream().map(NaslibZcRow::archStr).toList()),
                DoubleColumn.create("naslib_val_acc_s888", rows.stream().mapToDouble(NaslibZcRow::naslibValAccS888)));
        for (String p : NaslibZcRow.PROXIES) {
            t.addColumns(DoubleColumn.create(p, rows.stream().mapToDouble(r -> r.score(p))));
        }
        return t;
    }

    /** Index → row lookup for the Suite-Zero subset of one dataset. */
    public static Map<Integer, NaslibZcRow> naslibZcByIndex(BenchmarkDataset dataset) {
        Map<Integer, NaslibZcRow> map = new HashMap<>();
        for (NaslibZcRow r : naslibZcSubset(dataset)) {
            map.put(r.archIndex(), r);
        }
        return map;
    }
}
