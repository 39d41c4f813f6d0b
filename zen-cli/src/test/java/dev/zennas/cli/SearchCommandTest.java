package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zen search}: presets, dry runs, a short run with report, resume, and one-line errors with exit 2. */
class SearchCommandTest {
    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {}

    static Result zen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void presetsAreListed() {
        Result r = zen("search", "presets");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("cifar-params-1M", "Zen_NAS_cifar_params1M.sh", "imagenet-flops-800M",
                "imagenet-latency-1.2ms", "ms (V100)");
    }

    @Test
    void dryRunPrintsEverySettingWithOverrides() {
        Result r = zen("search", "--preset", "cifar-params-2M", "--dry-run", "--iterations", "100", "--classes", "10",
                "--population", "64");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Zen_NAS_cifar_params2M.sh", "2000000", "max layers", "20", "population", "64",
                "iterations", "100", "classes (budget and proxy)", "XXBL (width cap 2048)");
    }

    @Test
    void shortRunReportAndResume() throws Exception {
        Path dir = tmp.resolve("run");
        Result r = zen("search", "--preset", "cifar-params-0.5M", "--proxy", "analytic-params", "--iterations", "300",
                "--population", "16", "--out", dir.toString(), "--no-progress", "--curve-every", "100", "--stop-after", "150");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("stopped at iteration 150");
        assertThat(zen("search", "report", dir.toString(), "--rescore-proxy", "none").out())
                .contains("status: stopped, 150 of 300 iterations");
        // what a kill leaves: the ledger still says running, but no process holds the run directory
        Path ledger = dir.resolve("ledger.json");
        Files.writeString(ledger, Files.readString(ledger).replace("\"status\": \"stopped\"", "\"status\": \"running\""));
        assertThat(Files.readString(ledger)).contains("\"status\": \"running\"");
        assertThat(zen("search", "report", dir.toString(), "--rescore-proxy", "none").out())
                .contains("status: interrupted, 150 of 300 iterations");
        Result again = zen("search", "--resume", dir.toString(), "--no-progress");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("resuming", "finished 300 iterations");
        assertThat(Files.readString(dir.resolve("best_structure.txt"))).startsWith("SuperConvK3BNRELU(3,");
        Result oneImage = zen("search", "report", dir.toString(), "--rescore-batch", "1");
        assertThat(oneImage.status()).isEqualTo(2);
        assertThat(oneImage.err().strip()).contains("--rescore-batch must be at least 2, got 1").doesNotContain("\n");
        Result report = zen("search", "report", dir.toString(), "--rescore-proxy", "none");
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.out()).contains("status: finished, 300 of 300 iterations");
        assertThat(report.out()).contains("score curve", "rejected: params", "search best",
                "zennet_cifar10_model_size05M_res32", "rescored: skipped");
        assertThat(dir.resolve("curve.html")).exists();
        if (dev.zennas.notebook.PlotlyJs.locate().isPresent()) { // offline page: local plotly inlined, PNG beside it
            assertThat(Files.readString(dir.resolve("curve.html"))).doesNotContain("plotly-latest.min.js")
                    .contains("if(!window.Plotly)");
            if (dev.zennas.notebook.Chromium.locate().isPresent()) {
                assertThat(dir.resolve("curve.png")).exists();
                assertThat(report.out()).contains("curve.png");
            }
        }
        Result done = zen("search", "--resume", dir.toString());
        assertThat(done.out()).contains("already finished");
        Path other = tmp.resolve("fast");
        assertThat(zen("search", "--preset", "cifar-params-0.5M", "--proxy", "analytic-params", "--iterations", "100",
                "--population", "16", "--mode", "fast", "--out", other.toString(), "--no-progress").status()).isZero();
        Result cmp = zen("search", "compare", dir.toString(), other.toString(), "--at", "1,1000");
        assertThat(cmp.status()).as(cmp.err()).isZero();
        assertThat(cmp.out()).contains("best score by wall time", "run", "fast", "best@1s", "iterations");
        assertThat(dir.resolve("compare.html")).exists();
    }

    @Test
    void badInputIsOneLineWithExitTwo() {
        String[][] cases = {
            {"search", "--preset", "cifar-params-3M"},
            {"search", "--preset", "imagenet-latency-0.1ms", "--iterations", "10"},
            {"search", "--preset", "cifar-params-1M", "--proxy", "nope", "--dry-run"},
            {"search", "--preset", "cifar-params-1M", "--population", "0", "--dry-run"},
            {"search", "--resume", tmp.resolve("missing").toString()},
            {"search", "--resume", tmp.toString(), "--seed", "3"},
            {"search"},
            {"search", "report", tmp.resolve("missing").toString()},
            {"search", "--preset", "cifar-params-1M", "--threads", "0"},
            {"search", "--preset", "cifar-params-1M", "--mode", "turbo"},
        };
        for (String[] args : cases) {
            Result r = zen(args);
            assertThat(r.status()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).doesNotContain("Exception", "\tat ");
        }
        assertThat(zen("search", "--preset", "imagenet-latency-0.1ms", "--iterations", "10").err()).contains("latency");
    }

    @Test
    void sparkEngineWithoutZenSparkIsOneLineAndNoRunDirectory() {
        Path dir = tmp.resolve("run");
        Result r = zen("search", "--preset", "cifar-params-1M", "--iterations", "10", "--engine", "spark", "--master",
                "local[2]", "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("zen: --engine spark needs the zen-spark module").doesNotContain("\n");
        assertThat(dir).doesNotExist();
        Result master = zen("search", "--preset", "cifar-params-1M", "--iterations", "10", "--master", "local[2]",
                "--out", dir.toString());
        assertThat(master.status()).isEqualTo(2);
        assertThat(master.err()).contains("--master applies to --engine spark");
        assertThat(dir).doesNotExist();
    }
}
