package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.search.SearchMode;
import dev.zennas.search.SearchRun;
import dev.zennas.search.SearchRunTest;
import dev.zennas.search.SearchSettings;
import dev.zennas.search.SearchState;
import dev.zennas.train.TrainListener;
import dev.zennas.train.TrainResult;
import dev.zennas.train.TrainRun;
import dev.zennas.train.TrainRunTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zen search} and {@code zen train} in a child JVM, killed with -9 or stopped with SIGTERM midway, then resumed:
 * the result equals an uninterrupted run's.
 */
class KilledRunsResumeTest {
    @TempDir
    Path tmp;

    @Test
    void killMinus9OfAChildJvmThenResumeEqualsAnUninterruptedRun() throws Exception {
        SearchSettings s = SearchRunTest.settings("test-hash-slow", 1500, 1, SearchMode.OFFICIAL);
        SearchState expected = SearchRun.create(tmp.resolve("reference"), s).run(1, null);

        Path dir = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.zennas.cli.Main");
        cmd.add("search");
        for (String a : new String[] {"--preset", "cifar-params-1M", "--proxy", "test-hash-slow", "--iterations", "1500",
                "--population", "24", "--seed", "7", "--snapshot-every", "40", "--curve-every", "40", "--no-progress",
                "--out", dir.toString()}) {
            cmd.add(a);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            // Wait until at least two snapshots were written, then kill -9 mid-run.
            Path snap = dir.resolve(SearchRun.SNAPSHOT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (Files.exists(snap) && SearchRun.readJson(snap).getAsJsonObject().get("nextIteration").getAsLong() >= 80) break;
                if (!p.isAlive()) break;
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as("child still running when killed; log: " + Files.readString(tmp.resolve("child.log"))).isTrue();
            assertThat(SearchRun.resume(dir).status()).as("another process holds the lock").isEqualTo("running");
            new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(137);
        } finally {
            p.destroyForcibly();
        }
        // the killed session could not update its ledger: it still says running, the report says interrupted
        JsonObject killed = SearchRun.readJson(dir.resolve(SearchRun.LEDGER)).getAsJsonObject();
        assertThat(killed.get("status").getAsString()).isEqualTo("running");
        SearchRun resumed = SearchRun.resume(dir);
        assertThat(resumed.status()).isEqualTo("interrupted");
        long from = resumed.state().nextIteration;
        assertThat(from).isBetween(80L, 1499L);
        SearchState got = resumed.run(1, null);
        assertThat(got.nextIteration).isEqualTo(1500);
        // Same population and result as the uninterrupted run.
        assertThat(got.population).isEqualTo(expected.population);
        assertThat(got.best()).isEqualTo(expected.best());
        assertThat(Files.readString(dir.resolve(SearchRun.BEST)).trim()).isEqualTo(expected.best().structure());
        JsonObject ledger = SearchRun.readJson(dir.resolve(SearchRun.LEDGER)).getAsJsonObject();
        assertThat(ledger.getAsJsonArray("sessions")).hasSize(2);
        JsonObject first = ledger.getAsJsonArray("sessions").get(0).getAsJsonObject();
        assertThat(first.has("end")).isFalse();
        assertThat(first.get("interrupted").getAsBoolean()).isTrue();
        assertThat(ledger.getAsJsonArray("sessions").get(1).getAsJsonObject().has("interrupted")).isFalse();
        assertThat(ledger.get("status").getAsString()).isEqualTo("finished");
        assertThat(resumed.status()).isEqualTo("finished");
        assertThat(new File(dir.toFile(), "." + SearchRun.SNAPSHOT + ".tmp")).doesNotExist();
    }

    @Test
    void sigtermStopsAfterTheCurrentStepWithSnapshotAndLedgerThenResumeEqualsAnUninterruptedRun() throws Exception {
        SearchSettings s = SearchRunTest.settings("test-hash-slow", 1500, 1, SearchMode.OFFICIAL);
        SearchState expected = SearchRun.create(tmp.resolve("reference"), s).run(1, null);
        Path dir = tmp.resolve("terminated");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.zennas.cli.Main", "search"));
        cmd.addAll(List.of("--preset", "cifar-params-1M", "--proxy", "test-hash-slow", "--iterations", "1500",
                "--population", "24", "--seed", "7", "--snapshot-every", "40", "--curve-every", "40", "--no-progress",
                "--out", dir.toString()));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("term.log").toFile()).start();
        try {
            Path snap = dir.resolve(SearchRun.SNAPSHOT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && p.isAlive() && snapshotIteration(snap) < 80) {
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as(Files.readString(tmp.resolve("term.log"))).isTrue();
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("term.log"))).isEqualTo(143);
        JsonObject ledger = SearchRun.readJson(dir.resolve(SearchRun.LEDGER)).getAsJsonObject();
        assertThat(ledger.get("status").getAsString()).isEqualTo("interrupted");
        JsonObject session = ledger.getAsJsonArray("sessions").get(0).getAsJsonObject();
        assertThat(session.has("end")).isTrue();
        assertThat(session.get("interrupted").getAsBoolean()).isTrue();
        long stoppedAt = session.get("toIteration").getAsLong();
        // the snapshot was written at the stop, not only at the last multiple of 40
        assertThat(snapshotIteration(dir.resolve(SearchRun.SNAPSHOT))).isEqualTo(stoppedAt);
        SearchRun resumed = SearchRun.resume(dir);
        assertThat(resumed.status()).isEqualTo("interrupted");
        SearchState got = resumed.run(1, null);
        assertThat(got.population).isEqualTo(expected.population);
        assertThat(got.best()).isEqualTo(expected.best());
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
    }

    private static long snapshotIteration(Path snap) {
        return Files.exists(snap) ? SearchRun.readJson(snap).getAsJsonObject().get("nextIteration").getAsLong() : -1;
    }

    @Test
    void killedWithSigkillAndResumedEqualsUninterrupted(@TempDir Path dir) throws Exception {
        TrainResult whole = TrainRun.create(dir.resolve("a"), TrainRunTest.tiny(2, 320, 100)).run(TrainListener.SILENT, new AtomicBoolean());
        Path b = dir.resolve("b");
        // a separate JVM trains the same run, checkpointing at every step boundary; kill -9 it mid-run
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"),
                "dev.zennas.cli.Main", "train", TrainRunTest.TINY, "--preset", "quick", "--epochs", "2", "--batch", "32",
                "--train-limit", "320", "--test-limit", "100", "--seed", "5", "--threads", "1", "--json",
                "--checkpoint-minutes", "0.00001", "--out", b.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline && p.isAlive() && stepOf(b) < 13) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("child still training when killed: " + Files.readString(dir.resolve("child.log"))).isTrue();
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        TrainResult resumed = TrainRun.resume(b, TrainRunTest.TINY).run(TrainListener.SILENT, new AtomicBoolean());
        assertThat(resumed.completed()).isTrue();
        assertThat(Files.readAllBytes(b.resolve(TrainRun.FINAL_WEIGHTS)))
                .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(TrainRun.FINAL_WEIGHTS)));
        assertThat(resumed.bestTop1()).isEqualTo(whole.bestTop1());
    }

    /** Global step of the run's checkpoint (epoch · 10 + step for 10 steps per epoch), -1 before the first. */
    private static int stepOf(Path run) {
        try {
            var c = JsonParser.parseString(Files.readString(run.resolve(TrainRun.CHECKPOINT))).getAsJsonObject();
            return c.get("epoch").getAsInt() * 10 + c.get("step").getAsInt();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
