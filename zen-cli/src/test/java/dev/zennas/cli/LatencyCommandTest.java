package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.arch.ArchSource;
import dev.zennas.latency.Clock;
import dev.zennas.latency.LatencyProtocolTest;
import dev.zennas.latency.LatencyTableTest;
import dev.zennas.latency.LayerOp;
import dev.zennas.latency.MemoryLayout;
import dev.zennas.latency.TableHeader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zen latency}: a prediction from this machine's table, and what it refuses in one line. */
class LatencyCommandTest {

    @Test
    void theCommandRefusesTooFewRunsInOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"latency", LatencyProtocolTest.SMALL, "--runs", "2"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().strip()).contains("at least 5 timed runs").doesNotContain("\n");
    }

    @Test
    void theCommandPredictsFromThisMachinesTableAndRefusesAnother(@TempDir Path dir) throws Exception {
        TableHeader here = TableHeader.here(1, MemoryLayout.CHANNELS_LAST, 1, Clock.CPU);
        LatencyTableTest.synthetic(here).write(here.file(dir));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"latency", "zennet_cifar10_model_size1M_res32", "--predict",
                "--threads", "1", "--table-dir", dir.toString(), "--json"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertThat(o.get("predicted_ms").getAsDouble()).isPositive();
        assertThat(o.keySet()).contains("per_image_ms", "batch", "resolution", "threads", "device", "table");
        assertThat(o.keySet()).containsSubsequence("table", "sum_of_operations_ms", "operations_ms_by_kind",
                "weights_mib", "operations", "overhead", "calibration");
        double byKind = o.getAsJsonObject("operations_ms_by_kind").entrySet().stream()
                .mapToDouble(e -> e.getValue().getAsDouble()).sum();
        assertThat(byKind).isCloseTo(o.get("sum_of_operations_ms").getAsDouble(), Offset.offset(1e-3));
        assertThat(o.get("operations").getAsInt()).isEqualTo(LayerOp.of(
                ArchSource.resolve("zennet_cifar10_model_size1M_res32").structure(), 32, 10, false).size());
        err.getBuffer().setLength(0);
        code = Main.execute(new String[] {"latency", "zennet_cifar10_model_size1M_res32", "--predict",
                "--threads", "1", "--batch", "8", "--table-dir", dir.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("no latency table", "zen latency table build --threads 1 --batch 8");
    }

    @Test
    void withoutTableDirTheTableIsFoundUnderTheWorkbenchRootWhateverTheWorkingDirectory(@TempDir Path root)
            throws Exception {
        TableHeader here = TableHeader.here(1, MemoryLayout.CHANNELS_LAST, 1, Clock.CPU);
        String before = System.getProperty("ZEN_ROOT");
        try {
            System.setProperty("ZEN_ROOT", root.toString());
            String[] args = {"latency", "zennet_cifar10_model_size1M_res32", "--predict", "--threads", "1"};
            StringWriter err = new StringWriter();
            assertThat(Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)))
                    .isEqualTo(Main.BAD_INPUT);
            assertThat(err.toString()).contains("no latency table").contains(root.toString());
            LatencyTableTest.synthetic(here).write(here.file(root.resolve(".zen-cache").resolve("latency")));
            err.getBuffer().setLength(0);
            StringWriter out = new StringWriter();
            assertThat(Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true))).as(err.toString())
                    .isZero();
            assertThat(out.toString()).contains("predicted");
        } finally {
            if (before == null) System.clearProperty("ZEN_ROOT");
            else System.setProperty("ZEN_ROOT", before);
        }
    }
}
