package dev.zennas.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.scoring.LocalExecutor;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.ScoringExecutor;
import dev.zennas.scoring.ScoringExecutors;
import dev.zennas.scoring.TargetRef;
import dev.zennas.scoring.WorkUnit;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.util.SplitMix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark in local mode (tasks in this JVM, two slots) against the local pool, on 20 NAS-Bench-201 cells. */
class SparkExecutorTest {
    static final String MASTER = "local[2]";
    static final int CELLS = 20;
    /** Every NB201 index is an arch of the space; 781 apart spreads them over the operation choices. */
    static final ProxySpec ZEN = ProxySpec.of("zen").withBatchSize(16);
    static List<WorkUnit> units;
    static Map<Long, ScoreResult> local;

    @BeforeAll
    static void scoreLocally() {
        units = new ArrayList<>();
        for (int i = 0; i < CELLS; i++) {
            int index = 3 + 781 * i;
            units.add(new WorkUnit(index, TargetRef.benchmark(BenchmarkSpace.NB201, index, BenchmarkDataset.CIFAR10),
                    ZEN, SplitMix.mix(42L + index)));
        }
        local = byKey(new LocalExecutor().execute(units, ExecutionSettings.defaults().withThreads(2), r -> { }));
        assertThat(local).hasSize(CELLS);
    }

    @AfterAll
    static void stopSpark() {
        SparkContexts.stop();
    }

    @Test
    void sparkScoresEqualLocalScoresBitForBit() {
        List<ScoreResult> delivered = Collections.synchronizedList(new ArrayList<>());
        List<ScoreResult> spark;
        try (ScoringExecutor executor = ScoringExecutors.create("spark", Map.of("master", MASTER))) {
            assertThat(executor).isInstanceOf(SparkExecutor.class);
            spark = executor.execute(units, ExecutionSettings.defaults(), delivered::add);
        }
        assertThat(spark).extracting(ScoreResult::key).containsExactlyElementsOf(units.stream().map(WorkUnit::key)
                .toList());
        assertThat(delivered).hasSize(CELLS);
        assertSameBits(spark);
        // a real sample: finite scores that differ between cells, and the disconnected cells' ln 0
        assertThat(spark.stream().mapToDouble(ScoreResult::studyValue).filter(Double::isFinite).distinct().count())
                .isGreaterThan(CELLS / 2);
    }

    @Test
    void aStoppedJobKeepsWhatFinishedAndTheRestCompletesItExactly() {
        // Stop after the third delivered result, as Ctrl-C would; a second run scores only what is missing — what a
        // score cache gives the next run — and the union is the local result.
        Map<Long, ScoreResult> cache = Collections.synchronizedMap(new HashMap<>());
        AtomicInteger seen = new AtomicInteger();
        SparkExecutor first = new SparkExecutor(MASTER, 1);
        List<ScoreResult> partial = first.execute(units, ExecutionSettings.defaults(), r -> {
            cache.put(r.key(), r);
            if (seen.incrementAndGet() == 3) {
                first.stop();
            }
        });
        assertThat(partial.size()).isBetween(3, CELLS - 1);
        assertThat(byKey(partial)).isEqualTo(cache);
        assertThat(first.execute(units, ExecutionSettings.defaults(), r -> { })).isEmpty(); // stopped stays stopped

        List<WorkUnit> missing = units.stream().filter(u -> !cache.containsKey(u.key())).toList();
        List<ScoreResult> rest = new SparkExecutor(MASTER, 4).execute(missing, ExecutionSettings.defaults(),
                r -> cache.put(r.key(), r));
        assertThat(rest).hasSize(missing.size());
        assertThat(cache).hasSize(CELLS);
        assertSameBits(new ArrayList<>(cache.values()));
    }

    @Test
    void theKindIsFoundByNameAndRefusesBadOptions() {
        assertThat(ScoringExecutors.names()).containsSubsequence("local", "spark");
        assertThatThrownBy(() -> ScoringExecutors.create("spark", Map.of("masterr", MASTER)))
                .hasMessageContaining("unknown option 'masterr'").hasMessageContaining("master");
        assertThatThrownBy(() -> ScoringExecutors.create("spark", Map.of("units-per-task", "0")))
                .hasMessageContaining("units per task must be >= 1");
        assertThatThrownBy(() -> ScoringExecutors.create("spark", Map.of("units-per-task", "two")))
                .hasMessageContaining("whole number");
        assertThat(((SparkExecutor) ScoringExecutors.create("spark", Map.of())).master()).isEqualTo("local[*]");
    }

    @Test
    void autoPassesAreDecidedOnTheDriver() {
        ExecutionSettings resolved = SparkExecutor.resolvePasses(ExecutionSettings.defaults());
        assertThat(resolved.passes()).isEqualTo(Runtime.getRuntime().availableProcessors() >= 2
                ? ExecutionSettings.Passes.CONCURRENT : ExecutionSettings.Passes.SEQUENTIAL);
        ExecutionSettings sequential = ExecutionSettings.defaults().withPasses(ExecutionSettings.Passes.SEQUENTIAL);
        assertThat(SparkExecutor.resolvePasses(sequential)).isEqualTo(sequential);
    }

    private static void assertSameBits(List<ScoreResult> results) {
        assertThat(results).hasSize(CELLS);
        for (ScoreResult r : results) {
            ScoreResult l = local.get(r.key());
            assertThat(r.failure()).as("arch %d", r.key()).isEqualTo(l.failure());
            double[] a = r.result().values();
            double[] b = l.result().values();
            assertThat(a.length).isEqualTo(b.length);
            for (int i = 0; i < a.length; i++) {
                assertThat(Double.doubleToRawLongBits(a[i])).as("arch %d repeat %d: %s vs %s", r.key(), i, a[i], b[i])
                        .isEqualTo(Double.doubleToRawLongBits(b[i]));
            }
        }
    }

    private static Map<Long, ScoreResult> byKey(List<ScoreResult> results) {
        Map<Long, ScoreResult> m = new HashMap<>();
        results.forEach(r -> m.put(r.key(), r));
        return m;
    }
}
