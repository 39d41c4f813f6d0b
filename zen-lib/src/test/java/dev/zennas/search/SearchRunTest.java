package dev.zennas.search;

import dev.zennas.budget.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run directory, ledger, snapshots, and kill-and-resume equality (in process and with a real kill -9). */
class SearchRunTest {
    @TempDir
    Path tmp;

    private static SearchSettings settings(String proxy, long iterations, int k, SearchMode mode) {
        SearchSettings.Builder b = Presets.get("cifar-params-1M").toBuilder();
        b.proxy = proxy;
        b.iterations = iterations;
        b.population = 24;
        b.candidatesPerStep = k;
        b.mode = mode;
        b.seed = 7;
        b.snapshotEvery = 40;
        b.curveEvery = 40;
        return b.build();
    }

    @Test
    void aLedgerWithTheOlderSixFieldFitnessResumesToTheSameResult() throws Exception {
        SearchSettings s = settings("test-hash", 120, 1, SearchMode.FAST);
        SearchState expected = SearchRun.create(tmp.resolve("reference"), s).run(1, null);
        Path dir = tmp.resolve("old");
        SearchRun.create(dir, s).runUntil(1, 40, null);
        Path ledgerFile = dir.resolve(SearchRun.LEDGER);
        JsonObject ledger = SearchRun.readJson(ledgerFile).getAsJsonObject();
        JsonObject fitness = ledger.getAsJsonObject("settings").getAsJsonObject("fitness");
        assertThat(fitness.keySet()).contains("proxy", "batchSize", "resolution", "gamma", "repeats", "convention",
                "memoryBudgetBytes");
        // the form every ledger written before the proxy spec became the search's fitness holds
        JsonObject old = new JsonObject();
        old.addProperty("proxy", "test-hash");
        old.addProperty("batchSize", 64);
        old.addProperty("resolution", 32);
        old.addProperty("numClasses", s.constraints().numClasses());
        old.addProperty("gamma", 0.01);
        old.addProperty("repeats", 1);
        ledger.getAsJsonObject("settings").add("fitness", old);
        Files.writeString(ledgerFile, dev.zennas.util.Json.print(ledger));
        SearchRun resumed = SearchRun.resume(dir);
        assertThat(resumed.settings()).isEqualTo(s);
        SearchState got = resumed.run(1, null);
        assertThat(got.population).isEqualTo(expected.population);
        assertThat(got.evaluations).isEqualTo(expected.evaluations);
    }

    @Test
    void ledgerSnapshotAndBestFileAreWritten() throws Exception {
        SearchSettings s = settings("test-hash", 200, 1, SearchMode.OFFICIAL);
        SearchRun run = SearchRun.create(tmp.resolve("r"), s);
        SearchState st = run.run(1, null);
        Path dir = tmp.resolve("r");
        assertThat(dir.resolve(SearchRun.LEDGER)).exists();
        assertThat(dir.resolve(SearchRun.SNAPSHOT)).exists();
        assertThat(Files.readString(dir.resolve(SearchRun.BEST)).trim()).isEqualTo(st.best().structure());
        assertThat(Files.readAllLines(dir.resolve(SearchRun.CURVE))).hasSize(1 + 5);
        JsonObject ledger = SearchRun.readJson(dir.resolve(SearchRun.LEDGER)).getAsJsonObject();
        assertThat(ledger.get("status").getAsString()).isEqualTo("finished");
        assertThat(ledger.get("seed").getAsLong()).isEqualTo(7);
        assertThat(ledger.getAsJsonObject("settings").get("population").getAsInt()).isEqualTo(24);
        assertThat(ledger.getAsJsonObject("machine").get("cores").getAsInt()).isPositive();
        assertThat(ledger.getAsJsonObject("versions").has("djl")).isTrue();
        assertThat(ledger.getAsJsonObject("best").get("structure").getAsString()).isEqualTo(st.best().structure());
        assertThat(ledger.getAsJsonObject("diagnostics").getAsJsonObject("verdicts").get("accepted").getAsLong())
                .isEqualTo(st.verdicts.get(Verdict.ACCEPTED));
        // No temporary files are left behind.
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        // The ledger's settings read back equal.
        assertThat(SearchRun.resume(dir).settings()).isEqualTo(s);
        assertThatThrownBy(() -> SearchRun.create(dir, s)).hasMessageContaining("already holds a run");
    }

    @Test
    void aRunDirectoryInUseIsRefusedAndLeftUntouched() throws Exception {
        SearchSettings s = settings("test-hash", 200, 1, SearchMode.OFFICIAL);
        Path dir = tmp.resolve("busy");
        SearchRun.create(dir, s).runUntil(1, 80, null);
        String snapshot = Files.readString(dir.resolve(SearchRun.SNAPSHOT));
        // another session holds the lock (a second process would see the same refusal)
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var held = channel.lock()) {
            SearchRun second = SearchRun.resume(dir);
            assertThatThrownBy(() -> second.run(1, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("in use by another search");
            assertThat(Files.readString(dir.resolve(SearchRun.SNAPSHOT))).isEqualTo(snapshot);
        }
        // released (also after the crash in stopAndResumeEqualsAnUninterruptedRun): the run goes on
        assertThat(SearchRun.resume(dir).run(1, null).nextIteration).isEqualTo(200);
    }

    @Test
    void failedScoresSurviveSnapshots() {
        // A proxy failure (NaN) is stored as -Infinity, which must round-trip through the JSON snapshot.
        dev.zennas.proxy.Proxies.register("test-sometimes-nan", () -> new dev.zennas.proxy.StructureProxy(
                "test-sometimes-nan", (s, res, classes, seed) -> (seed & 3) == 0 ? Double.NaN
                        : dev.zennas.proxy.StructureProxy.hash(s.toString(), seed)));
        SearchSettings s = settings("test-sometimes-nan", 120, 1, SearchMode.OFFICIAL);
        SearchRun run = SearchRun.create(tmp.resolve("nan"), s);
        SearchState st = run.runUntil(1, 60, null);
        assertThat(st.population).anyMatch(m -> m.score() == Double.NEGATIVE_INFINITY);
        SearchRun resumed = SearchRun.resume(tmp.resolve("nan"));
        assertThat(resumed.state().population).isEqualTo(st.population);
        assertThat(resumed.run(1, null).nextIteration).isEqualTo(120);
    }

    @Test
    void stopAndResumeEqualsAnUninterruptedRun() {
        for (SearchMode mode : SearchMode.values()) {
            for (int k : new int[] {1, 3}) {
                SearchSettings s = settings("test-hash", 300, k, mode);
                SearchRun full = SearchRun.create(tmp.resolve("full-" + mode + k), s);
                SearchState expected = full.run(1, null);
                // A crash after iteration ~130: the listener throws, the last snapshot is the one at 120.
                Path dir = tmp.resolve("cut-" + mode + k);
                SearchRun cut = SearchRun.create(dir, s);
                assertThatThrownBy(() -> cut.runUntil(1, 300, (st, from, to) -> {
                    if (to >= 130) throw new IllegalStateException("simulated crash");
                })).hasMessageContaining("simulated crash");
                SearchRun resumed = SearchRun.resume(dir);
                assertThat(resumed.state().nextIteration).isLessThan(130).isPositive();
                SearchState got = resumed.run(2, null);
                assertThat(got.population).as(mode + " K=" + k).isEqualTo(expected.population);
                assertThat(got.best()).isEqualTo(expected.best());
                assertThat(got.verdicts).isEqualTo(expected.verdicts);
                assertThat(got.curve.stream().map(CurvePoint::median).toList())
                        .isEqualTo(expected.curve.stream().map(CurvePoint::median).toList());
            }
        }
    }

    @Test
    void killMinus9OfAChildJvmThenResumeEqualsAnUninterruptedRun() throws Exception {
        SearchSettings s = settings("test-hash-slow", 1500, 1, SearchMode.OFFICIAL);
        SearchState expected = SearchRun.create(tmp.resolve("reference"), s).run(1, null);

        Path dir = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.zennas.cli.SearchCommand");
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
        SearchSettings s = settings("test-hash-slow", 1500, 1, SearchMode.OFFICIAL);
        SearchState expected = SearchRun.create(tmp.resolve("reference"), s).run(1, null);
        Path dir = tmp.resolve("terminated");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.zennas.cli.SearchCommand"));
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
}
