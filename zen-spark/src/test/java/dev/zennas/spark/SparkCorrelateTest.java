package dev.zennas.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zen correlate --engine spark}: the same score cache, value for value, as the local engine, and a run killed
 * midway resumes from that cache.
 */
class SparkCorrelateTest {
    private static final String[] STUDY = {"correlate", "--space", "nb201", "--dataset", "cifar10", "--proxy", "zen",
        "--sample", "20", "--seed", "7", "--batch", "16", "--bootstrap", "0", "--quiet", "--json"};

    private record Run(int status, String out, String err) {
        JsonObject zen() {
            return JsonParser.parseString(out).getAsJsonObject().getAsJsonArray("proxies").get(0).getAsJsonObject();
        }
    }

    @AfterAll
    static void stopSpark() {
        SparkContexts.stop();
    }

    @Test
    void sparkWritesTheLocalCacheBitForBitAndResumesAKilledRun(@TempDir Path dir) throws IOException {
        Run local = run(dir.resolve("local"), "--threads", "2");
        assertThat(local.status()).as(local.err()).isZero();
        Run spark = run(dir.resolve("spark"), "--engine", "spark", "--master", "local[2]");
        assertThat(spark.status()).as(spark.err()).isZero();
        assertThat(spark.zen().get("computed").getAsInt()).isEqualTo(20);
        Map<Integer, Long> expected = cached(dir.resolve("local"));
        assertThat(expected).hasSize(20);
        assertThat(cached(dir.resolve("spark"))).isEqualTo(expected);
        assertThat(spark.zen().get("spearman").getAsDouble()).isEqualTo(local.zen().get("spearman").getAsDouble());

        // A kill midway: 8 scores written, the ninth cut off in the middle of its line.
        Path file = cacheFile(dir.resolve("spark"));
        List<String> lines = Files.readAllLines(file);
        List<String> kept = new ArrayList<>(lines.stream().filter(l -> l.startsWith("#")).toList());
        List<String> data = lines.stream().filter(l -> !l.startsWith("#")).toList();
        kept.addAll(data.subList(0, 8));
        Files.writeString(file, String.join("\n", kept) + "\n" + data.get(8).substring(0, 5));
        Run resumed = run(dir.resolve("spark"), "--engine", "spark", "--master", "local[2]");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.zen().get("cached").getAsInt()).isEqualTo(8);
        assertThat(resumed.zen().get("computed").getAsInt()).isEqualTo(12);
        assertThat(cached(dir.resolve("spark"))).isEqualTo(expected);
    }

    @Test
    void badMasterIsOneLineAndExitTwo(@TempDir Path dir) {
        Run r = run(dir, "--engine", "spark", "--master", "local[two]");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("zen: not a Spark master URL: 'local[two]'").doesNotContain("\n");
    }

    private static Run run(Path cache, String... extra) {
        String[] args = Stream.concat(Stream.of(STUDY), Stream.concat(Stream.of("--cache", cache.toString()),
                Stream.of(extra))).toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static Path cacheFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> csv = files.filter(p -> p.toString().endsWith(".csv")).toList();
            assertThat(csv).hasSize(1);
            return csv.get(0);
        }
    }

    /** The cache's scores, as raw bits by architecture index. */
    private static Map<Integer, Long> cached(Path dir) throws IOException {
        Map<Integer, Long> m = new TreeMap<>();
        for (String line : Files.readAllLines(cacheFile(dir))) {
            String[] f = line.split(",");
            if (!line.startsWith("#") && f.length == 3) {
                m.put(Integer.parseInt(f[0]), Double.doubleToRawLongBits(Double.parseDouble(f[1])));
            }
        }
        return m;
    }
}
