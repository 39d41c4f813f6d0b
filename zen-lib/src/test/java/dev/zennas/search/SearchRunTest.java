package dev.zennas.search;

import dev.zennas.budget.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run directory, ledger, snapshots, and stop-and-resume equality in process (a child JVM killed with -9 or stopped with
 * SIGTERM: zen-cli's KilledRunsResumeTest).
 */
public class SearchRunTest {
    @TempDir
    Path tmp;

    /** A small run of the 1M CIFAR preset: population 24, seed 7, a snapshot and a curve point every 40 steps. */
    public static SearchSettings settings(String proxy, long iterations, int k, SearchMode mode) {
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
}
