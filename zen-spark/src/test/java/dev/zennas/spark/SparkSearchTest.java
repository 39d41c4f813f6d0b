package dev.zennas.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.cli.Main;
import dev.zennas.search.CurvePoint;
import dev.zennas.search.EvolutionSearch;
import dev.zennas.search.FastOptions;
import dev.zennas.search.Member;
import dev.zennas.search.Presets;
import dev.zennas.search.SearchMode;
import dev.zennas.search.SearchRun;
import dev.zennas.search.SearchSettings;
import dev.zennas.search.SearchState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evolutionary search with its steps scored on Spark (local mode, two task slots): the same run as on the local
 * pool — population, counters, best structure and its score bit for bit — fresh and resumed after a stop.
 */
class SparkSearchTest {
    static final String MASTER = "local[2]";

    @AfterAll
    static void stopSpark() {
        SparkContexts.stop();
    }

    /** A fast-mode Zen-Score search small enough for a test: batch 4, screening at 2, four candidates a step. */
    static SearchSettings settings() {
        SearchSettings.Builder b = Presets.get("cifar-params-1M").toBuilder();
        b.mode = SearchMode.FAST;
        b.proxy = "zen";
        b.proxyBatch = 4;
        b.fast = new FastOptions(true, 1000, true, 0.8, 2, 4, 8, 4);
        b.iterations = 32;
        b.population = 8;
        b.candidatesPerStep = 4;
        b.seed = 5;
        b.snapshotEvery = 8;
        b.curveEvery = 8;
        return b.build();
    }

    @Test
    void aSearchScoredOnSparkEqualsTheLocalPoolBitForBit() {
        SearchSettings s = settings();
        SearchState local;
        try (EvolutionSearch es = new EvolutionSearch(s, 2)) {
            local = es.run(es.newState(), null);
        }
        SearchState spark;
        try (SparkExecutor executor = new SparkExecutor(MASTER, 1);
                EvolutionSearch es = new EvolutionSearch(s, executor, 2)) {
            spark = es.run(es.newState(), null);
        }
        assertThat(local.evaluations).isGreaterThan(s.iterations() / 2); // the proxy ran, not only the memo
        assertThat(local.rescored).isPositive(); // some candidates were screened, then scored at the full batch
        assertSame(spark, local);
    }

    @Test
    void aSparkSearchStoppedAndResumedEqualsAnUninterruptedLocalOne(@TempDir Path tmp) {
        String[] search = {"search", "--preset", "cifar-params-1M", "--mode", "fast", "--batch", "4", "--screen-batch",
            "2", "--iterations", "24", "--population", "8", "--candidates-per-step", "4", "--seed", "9",
            "--snapshot-every", "8", "--curve-every", "8", "--no-progress"};
        Path local = tmp.resolve("local");
        assertThat(zen(search, "--out", local.toString(), "--threads", "2")).isZero();
        Path spark = tmp.resolve("spark");
        assertThat(zen(search, "--out", spark.toString(), "--engine", "spark", "--master", MASTER, "--stop-after",
                "12")).isZero();
        assertThat(SearchRun.resume(spark).state().nextIteration).isEqualTo(12);
        assertThat(zen(new String[] {"search", "--resume", spark.toString(), "--no-progress"}, "--engine", "spark",
                "--master", MASTER)).isZero();
        assertSame(SearchRun.resume(spark).state(), SearchRun.resume(local).state());
    }

    private static void assertSame(SearchState got, SearchState expected) {
        assertThat(got.population).isEqualTo(expected.population);
        assertThat(got.evaluations).isEqualTo(expected.evaluations);
        assertThat(got.cacheHits).isEqualTo(expected.cacheHits);
        assertThat(got.rescored).isEqualTo(expected.rescored);
        assertThat(got.verdicts).isEqualTo(expected.verdicts);
        Member best = expected.best();
        assertThat(got.best().structure()).isEqualTo(best.structure());
        assertThat(Double.doubleToRawLongBits(got.best().score())).isEqualTo(Double.doubleToRawLongBits(best.score()));
        List<Double> curve = expected.curve.stream().map(CurvePoint::best).toList();
        assertThat(got.curve.stream().map(CurvePoint::best).toList()).isEqualTo(curve);
    }

    private static int zen(String[] base, String... extra) {
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(status).as(out + "\n" + err).isZero();
        return status;
    }
}
