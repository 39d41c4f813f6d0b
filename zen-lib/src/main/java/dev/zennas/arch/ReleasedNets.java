package dev.zennas.arch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The 15 released ZenNets as named presets, loaded from {@code data/zennets.csv} (shipped inside the jar).
 *
 * <pre>{@code
 * ReleasedNet net = ReleasedNets.get("zennet_cifar10_model_size1M_res32");
 * net.counts().paramsCode();   // 985105
 * }</pre>
 */
public final class ReleasedNets {
    static final String RESOURCE = "/dev/zennas/data/zennets.csv";
    private static final Map<String, ReleasedNet> NETS = load();

    private ReleasedNets() {}

    /** All released nets in the order of the paper's tables (CIFAR-10, CIFAR-100, ImageNet FLOPs, latency). */
    public static List<ReleasedNet> all() {
        return List.copyOf(NETS.values());
    }

    /** The names, for help texts and completion. */
    public static List<String> names() {
        return List.copyOf(NETS.keySet());
    }

    public static Optional<ReleasedNet> find(String name) {
        return Optional.ofNullable(NETS.get(name));
    }

    /** The released net whose budget a search preset reproduces (case-insensitive), if any. */
    public static Optional<ReleasedNet> forPreset(String preset) {
        return NETS.values().stream().filter(n -> !n.searchPreset().isEmpty() && n.searchPreset().equalsIgnoreCase(preset))
                .findFirst();
    }

    /** The released net of that name, or an {@link IllegalArgumentException} listing the names. */
    public static ReleasedNet get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown released net '" + name
                + "'; known: " + String.join(", ", NETS.keySet())));
    }

    /** The released nets as a table: name, dataset, resolution, published params/FLOPs/top-1/latency. */
    public static Table table() {
        try (InputStream in = open()) {
            return Table.read().usingOptions(CsvReadOptions.builder(in).tableName("released ZenNets"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, ReleasedNet> load() {
        try (InputStream in = open()) {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(in).columnTypesToDetect(List.of(ColumnType.STRING)));
            Map<String, ReleasedNet> map = new LinkedHashMap<>();
            for (Row r : t) {
                String name = r.getString("name");
                map.put(name, new ReleasedNet(name, r.getString("dataset"), Integer.parseInt(r.getString("resolution")),
                        Integer.parseInt(r.getString("num_classes")), Boolean.parseBoolean(r.getString("se")),
                        Integer.parseInt(r.getString("eval_crop")), Structure.parse(r.getString("structure")),
                        Double.parseDouble(r.getString("params_m")), Double.parseDouble(r.getString("flops_m")),
                        Double.parseDouble(r.getString("top1")), optional(r.getString("latency_v100_ms")),
                        optional(r.getString("latency_t4_ms")), optional(r.getString("latency_pixel2_ms")),
                        r.getString("paper_name"), r.getString("source"), r.getString("note"),
                        r.getString("search_preset")));
            }
            return Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static InputStream open() {
        InputStream in = ReleasedNets.class.getResourceAsStream(RESOURCE);
        if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath (build zen-lib with Maven)");
        return in;
    }

    private static OptionalDouble optional(String s) {
        return s == null || s.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(s));
    }

    /** Package-private for tests: all names in insertion order. */
    static List<String> orderedNames() {
        return new ArrayList<>(NETS.keySet());
    }
}
