package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CorrelateCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        if (!cli.getSubcommands().containsKey("correlate")) {
            cli.addSubcommand(new CorrelateCommand());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void paramsOnAllNb201GivesTheExactAnchorAsJson(@TempDir Path dir) {
        Run r = run("correlate", "--space", "nb201", "--dataset", "cifar10", "--proxy", "params", "--json",
                "--bootstrap", "20", "--quiet", "--cache", dir.resolve("cache").toString(), "--out",
                dir.resolve("out").toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("archs").getAsInt()).isEqualTo(15_625);
        JsonObject p = o.getAsJsonArray("proxies").get(0).getAsJsonObject();
        assertThat(p.get("proxy").getAsString()).isEqualTo("params");
        assertThat(p.get("n").getAsInt()).isEqualTo(15_625);
        assertThat(Math.round(p.get("spearman").getAsDouble() * 1e4) / 1e4).isEqualTo(0.7527);
        assertThat(Math.round(p.get("kendall").getAsDouble() * 1e4) / 1e4).isEqualTo(0.5778);
        assertThat(p.get("spearman_ci_low").getAsDouble()).isLessThan(0.7527);
        assertThat(p.get("spearman_ci_high").getAsDouble()).isGreaterThan(0.7527);
        assertThat(p.has("kendall_ci_low")).isTrue();
        assertThat(dir.resolve("out/scores.csv")).exists();
        assertThat(dir.resolve("out/summary.csv")).exists();
        assertThat(Files.exists(dir.resolve("out/summary.json"))).isTrue();
    }

    @Test
    void sampledNatsSssTextReport(@TempDir Path dir) {
        Run r = run("correlate", "--space", "nats-sss", "--dataset", "imagenet16", "--proxy", "params,flops",
                "--sample", "500", "--seed", "3", "--bootstrap", "50", "--quiet", "--cache", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("nats-sss imagenet16, target valid_acc, 500 archs").contains("params")
                .contains("flops");
        // the paired difference line: params ranks NATS-SSS far better than FLOPs, and the interval says so
        String line = r.out().lines().filter(l -> l.startsWith("params - flops")).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("params - flops\\s+500\\s+(-?[0-9.]+) \\[(-?[0-9.]+), (-?[0-9.]+)\\]").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        double estimate = Double.parseDouble(m.group(1));
        assertThat(Double.parseDouble(m.group(2))).isPositive().isLessThanOrEqualTo(estimate);
        assertThat(Double.parseDouble(m.group(3))).isGreaterThanOrEqualTo(estimate);
    }

    @Test
    void badInputExitsWithStatus2AndOneLine() {
        String[][] bad = {
            {"correlate", "--space", "nb999", "--dataset", "cifar10", "--proxy", "params"},
            {"correlate", "--space", "nb201", "--dataset", "mnist", "--proxy", "params"},
            {"correlate", "--space", "nb201", "--dataset", "cifar10", "--proxy", "params,bogus"},
            {"correlate", "--space", "nb201", "--dataset", "cifar10", "--proxy", "params", "--sample", "-3"},
            {"correlate", "--space", "nb201", "--dataset", "cifar10", "--proxy", "params", "--sample", "lots"},
            {"correlate", "--space", "nats-sss", "--dataset", "cifar10", "--proxy", "params", "--sample", "naslib"},
            {"correlate", "--space", "nb201", "--dataset", "cifar10", "--proxy", "params", "--target", "valid_acc"},
            {"correlate", "--space", "nb201", "--dataset", "cifar10", "--proxy", "zen", "--batch", "0"},
            {"correlate", "--space", "nb201", "--dataset", "cifar10"},
            {"correlate", "--space", "nats-sss", "--dataset", "cifar10", "--proxy", "zen", "--share-equivalent"},
        };
        String[] expected = {"nb999", "mnist", "bogus", "-3", "lots", "naslib", "valid_acc", "--batch", "--proxy",
            "--share-equivalent applies to --space nb201 only"};
        for (int i = 0; i < bad.length; i++) {
            Run r = run(bad[i]);
            assertThat(r.status()).as(String.join(" ", bad[i])).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains(expected[i]).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /**
     * Ctrl-C or SIGTERM during a sweep: the workers finish their scores (each cached) and the JVM exits cleanly. Before
     * the stop hook it died of SIGSEGV in libtorch's exit while a GradNorm worker was in its backward pass, leaving
     * an hs_err crash report.
     */
    @Test
    void sigtermDuringAGradientSweepExitsCleanlyAndTheNextRunResumes(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "dev.zennas.cli.Main"));
        String[] args = {"correlate", "--space", "nb201", "--dataset", "cifar10", "--proxy", "gradnorm", "--sample",
            "60", "--seed", "5", "--batch", "16", "--threads", "2", "--bootstrap", "10", "--cache", cache.toString()};
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        pb.environment().put("ZEN_DATA", dev.zennas.data.DataPaths.find("nasbench/nb201.csv").getParent().getParent()
                .toAbsolutePath().toString());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && p.isAlive() && cachedScores(cache) < 4) {
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as(Files.readString(dir.resolve("child.log"))).isTrue();
            p.destroy(); // SIGTERM, mid-sweep: workers are inside native forward/backward passes
            assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("child.log"));
        assertThat(p.exitValue()).as(log).isEqualTo(143); // 128 + SIGTERM: a signal exit, not a crash (134)
        assertThat(log).contains("stopping: finishing the scores in progress").doesNotContain("SIGSEGV");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
        int stoppedAt = cachedScores(cache);
        assertThat(stoppedAt).isBetween(4, 59);
        Run again = run(args);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("gradnorm", "60 archs");
        assertThat(cachedScores(cache)).isEqualTo(60);
    }

    private static int cachedScores(Path cacheDir) throws java.io.IOException {
        if (!Files.isDirectory(cacheDir)) {
            return 0;
        }
        try (var files = Files.list(cacheDir)) {
            int n = 0;
            for (Path f : files.toList()) {
                n += (int) Files.readAllLines(f).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
            }
            return n;
        }
    }
}
