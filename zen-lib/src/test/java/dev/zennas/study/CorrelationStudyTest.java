package dev.zennas.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ProxyTarget;
import dev.zennas.proxy.Seeds;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.nasbench.Nb201Cell;
import dev.zennas.nasbench.Nb201Equivalence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrelationStudyTest {

    /**
     * A tensor-free proxy: a deterministic function of (target id, seed); can be told to die after k calls and to
     * declare the classes of equivalent cells it may share a draw over.
     */
    static final class FakeProxy implements ZeroShotProxy {
        final AtomicInteger calls = new AtomicInteger();
        final int dieAfter;
        /** The classes it declares it may share a draw over; null = none. */
        final Nb201Equivalence.Level sharesOver;

        FakeProxy(int dieAfter) {
            this(dieAfter, null);
        }

        FakeProxy(int dieAfter, Nb201Equivalence.Level sharesOver) {
            this.dieAfter = dieAfter;
            this.sharesOver = sharesOver;
        }

        @Override
        public boolean dependsOnlyOnComputedGraph() {
            return sharesOver == Nb201Equivalence.Level.COMPUTED_GRAPH;
        }

        @Override
        public boolean dependsOnlyOnParameterFunction() {
            return sharesOver == Nb201Equivalence.Level.PARAMETER_FUNCTION;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        public ProxyResult score(ProxyTarget t, ProxySettings s) {
            if (calls.incrementAndGet() > dieAfter) {
                throw new IllegalStateException("simulated kill");
            }
            double v = Seeds.forKey(s.seed(), 0, t.id()).nextGaussian();
            return ProxyResult.of("fake", new double[] {v}, 0.001, Map.of());
        }
    }

    @Test
    void architecturesAreScoredInASeededShuffleSoTheProgressLineIsRepresentative() {
        // NATS-SSS indices count up the channel widths: in index order a sweep's first tenth is its cheapest networks
        int[] all = java.util.stream.IntStream.range(0, 32_768).toArray();
        int[] order = CorrelationStudy.workOrder(all, 0);
        assertThat(order).isNotEqualTo(all);
        assertThat(java.util.Arrays.stream(order).sorted().toArray()).isEqualTo(all);
        assertThat(CorrelationStudy.workOrder(all, 0)).isEqualTo(order);
        assertThat(CorrelationStudy.workOrder(all, 1)).isNotEqualTo(order);
        double firstTenthMean = java.util.Arrays.stream(order, 0, 3_277).average().orElseThrow();
        assertThat(firstTenthMean).isCloseTo(16_383.5, org.assertj.core.data.Offset.offset(0.05 * 16_383.5));
        assertThat(all).as("the input is not shuffled in place").isSorted();
    }

    @Test
    void analyticParamsOverAllNb201ReproducesTheAnchorAndIsCached(@TempDir Path dir) {
        CorrelationStudy study = CorrelationStudy.builder().space(BenchmarkSpace.NB201)
                .dataset(BenchmarkDataset.CIFAR10).proxies("params", "flops").cacheDir(dir).bootstrapResamples(20)
                .threads(1).build();
        StudyResult first = study.run();
        ProxySummary params = first.summaryOf("params");
        assertThat(params.n()).isEqualTo(15_625);
        assertThat(Math.round(params.spearman().estimate() * 1e4) / 1e4).isEqualTo(0.7527);
        assertThat(Math.round(params.kendall().estimate() * 1e4) / 1e4).isEqualTo(0.5778);
        assertThat(params.spearman().covers(0.7527)).isTrue();
        assertThat(first.summaryOf("flops").spearman().estimate()).isEqualTo(params.spearman().estimate());
        assertThat(params.computed()).isEqualTo(15_625);
        assertThat(first.scores().rowCount()).isEqualTo(15_625);
        assertThat(first.scores().columnNames()).containsExactly("arch_index", "arch_str", "connected", "params",
                "flops", "test_acc", "naslib_acc_s888", "test_acc_1seed");
        assertThat(first.summary().rowCount()).isEqualTo(2 * 5);
        // one pair; params and FLOPs rank NB201 identically, so the paired difference is exactly 0, interval too
        assertThat(first.differences()).hasSize(1);
        PairedDifference d = first.differences().get(0);
        assertThat(d.proxy() + "/" + d.versus() + "/" + d.n()).isEqualTo("params/flops/15625");
        assertThat(new double[] {d.spearman().estimate(), d.spearman().low(), d.spearman().high()})
                .containsExactly(0, 0, 0);
        assertThat(first.toJson().getAsJsonArray("paired_differences").get(0).getAsJsonObject()
                .get("versus").getAsString()).isEqualTo("flops");

        StudyResult second = study.run();
        assertThat(second.summaryOf("params").computed()).isZero();
        assertThat(second.summaryOf("params").cached()).isEqualTo(15_625);
        assertThat(second.summaryOf("params").spearman()).isEqualTo(params.spearman());
    }

    @Test
    void sampleIsSeededSortedAndOfTheRequestedSize() {
        CorrelationStudy a = CorrelationStudy.builder().space(BenchmarkSpace.NATS_SSS).proxies("params").sample(200)
                .seed(3).build();
        int[] ia = a.indices();
        assertThat(ia).hasSize(200).isSorted().doesNotHaveDuplicates();
        assertThat(a.indices()).isEqualTo(ia);
        CorrelationStudy b = CorrelationStudy.builder().space(BenchmarkSpace.NATS_SSS).proxies("params").sample(200)
                .seed(4).build();
        assertThat(b.indices()).isNotEqualTo(ia);
    }

    @Test
    void aLargerSampleWithTheSameSeedContainsTheSmallerOne() {
        // what lets a sample be extended from the cache, and makes results on N networks comparable with those on 2N
        for (BenchmarkSpace space : BenchmarkSpace.values()) {
            int[] previous = null;
            for (int n : new int[] {100, 200, 500, 2000}) {
                int[] sample = CorrelationStudy.builder().space(space).proxies("params").sample(n).seed(0).build()
                        .indices();
                assertThat(sample).as("%s, %d", space, n).hasSize(n);
                if (previous != null) {
                    assertThat(sample).as("%s, %d", space, n).contains(previous);
                }
                previous = sample;
            }
        }
    }

    @Test
    void killedRunResumesFromTheCacheWithIdenticalScores(@TempDir Path dir) {
        StudyBuilder base = CorrelationStudy.builder().space(BenchmarkSpace.NATS_SSS)
                .dataset(BenchmarkDataset.CIFAR100).sample(60).seed(11).bootstrapResamples(0).threads(2)
                .cacheDir(dir.resolve("resumed"));
        FakeProxy dying = new FakeProxy(25);
        assertThatThrownBy(() -> base.proxy(dying).run()).hasMessageContaining("simulated kill");
        StudyBuilder again = CorrelationStudy.builder().space(BenchmarkSpace.NATS_SSS)
                .dataset(BenchmarkDataset.CIFAR100).sample(60).seed(11).bootstrapResamples(0).threads(2)
                .cacheDir(dir.resolve("resumed"));
        FakeProxy healthy = new FakeProxy(Integer.MAX_VALUE);
        StudyResult resumed = again.proxy(healthy).run();
        ProxySummary s = resumed.summaryOf("fake");
        assertThat(s.cached()).isBetween(20, 25); // what the dying run finished before the pool stopped
        assertThat(s.computed()).isEqualTo(60 - s.cached());
        assertThat(healthy.calls.get()).isEqualTo(s.computed());

        // An uninterrupted single-threaded run in a fresh cache gives the same scores.
        StudyResult fresh = CorrelationStudy.builder().space(BenchmarkSpace.NATS_SSS)
                .dataset(BenchmarkDataset.CIFAR100).sample(60).seed(11).bootstrapResamples(0).threads(1)
                .cacheDir(dir.resolve("fresh")).proxy(new FakeProxy(Integer.MAX_VALUE)).run();
        assertThat(resumed.scores().doubleColumn("fake").asDoubleArray())
                .containsExactly(fresh.scores().doubleColumn("fake").asDoubleArray());
    }

    @Test
    void partialLastLineOfAKilledWriteIsIgnored(@TempDir Path dir) throws IOException {
        try (ScoreCache c = ScoreCache.open(dir, "k", "test")) {
            c.put(1, 1.5, 0.1);
            c.put(2, Double.NEGATIVE_INFINITY, 0.2);
        }
        Files.writeString(dir.resolve("k.csv"), "3,0.12", java.nio.file.StandardOpenOption.APPEND);
        try (ScoreCache c = ScoreCache.open(dir, "k", "test")) {
            assertThat(c.size()).isEqualTo(2);
            assertThat(c.get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(c.get(3)).isNull();
            c.put(3, 7.0, 0.3);
        }
        try (ScoreCache c = ScoreCache.open(dir, "k", "test")) {
            assertThat(c.size()).isEqualTo(3);
            assertThat(c.get(3).value()).isEqualTo(7.0);
        }
    }

    @Test
    void sharingScoresEachClassOnceAndGivesEveryMemberItsRepresentativesOwnScore(@TempDir Path dir) {
        java.util.function.Supplier<StudyBuilder> base = () -> CorrelationStudy.builder()
                .space(BenchmarkSpace.NB201).sample(400).seed(7).bootstrapResamples(0).threads(2)
                .shareEquivalent(true);
        FakeProxy shared = new FakeProxy(Integer.MAX_VALUE, Nb201Equivalence.Level.COMPUTED_GRAPH);
        StudyResult r = base.get().cacheDir(dir.resolve("shared")).proxy(shared).run();
        int[] drawOf = r.scores().intColumn("draw_of").asIntArray();
        int[] reps = java.util.Arrays.stream(drawOf).distinct().sorted().toArray();
        assertThat(reps.length).isLessThan(400);
        assertThat(shared.calls.get()).isEqualTo(reps.length);
        assertThat(r.summaryOf("fake").computed()).isEqualTo(400);

        // each representative's score is the one an unshared run gives it (its own seed), so caches agree
        StudyResult own = CorrelationStudy.builder().space(BenchmarkSpace.NB201).archIndices(reps)
                .seed(7).bootstrapResamples(0).threads(1).cacheDir(dir.resolve("own"))
                .proxy(new FakeProxy(Integer.MAX_VALUE)).run();
        Map<Integer, Double> ownScore = new java.util.HashMap<>();
        for (int i = 0; i < reps.length; i++) {
            ownScore.put(own.scores().intColumn("arch_index").get(i), own.scores().doubleColumn("fake").get(i));
        }
        double[] got = r.scores().doubleColumn("fake").asDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isEqualTo(ownScore.get(drawOf[i]));
        }

        // a proxy that does not declare it is never shared, even when asked
        FakeProxy plain = new FakeProxy(Integer.MAX_VALUE);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        StudyResult p = base.get().cacheDir(dir.resolve("plain")).proxy(plain)
                .progress(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)).run();
        assertThat(plain.calls.get()).isEqualTo(400);
        assertThat(p.scores().columnNames()).doesNotContain("draw_of");
        assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("[fake] --share-equivalent does not apply");
    }

    @Test
    void gradientProxiesShareOverTheFinerClassesOfTheParameterFunction(@TempDir Path dir) {
        java.util.function.Function<Nb201Equivalence.Level, StudyResult> run = level -> CorrelationStudy.builder()
                .space(BenchmarkSpace.NB201).sample(2_000).seed(3).bootstrapResamples(0).threads(2)
                .shareEquivalent(true).cacheDir(dir.resolve(level.name()))
                .proxy(new FakeProxy(Integer.MAX_VALUE, level)).run();
        StudyResult function = run.apply(Nb201Equivalence.Level.PARAMETER_FUNCTION);
        StudyResult graph = run.apply(Nb201Equivalence.Level.COMPUTED_GRAPH);
        assertThat(function.scores().columnNames()).contains("draw_of_function").doesNotContain("draw_of");
        int[] byFunction = function.scores().intColumn("draw_of_function").asIntArray();
        int[] byGraph = graph.scores().intColumn("draw_of").asIntArray();
        int[] index = function.scores().intColumn("arch_index").asIntArray();
        assertThat(graph.scores().intColumn("arch_index").asIntArray()).containsExactly(index);
        Map<Integer, Integer> graphDrawOfFunctionDraw = new java.util.HashMap<>();
        for (int i = 0; i < index.length; i++) {
            Nb201Cell member = Nb201Cell.parse(BenchmarkSpace.NB201.archString(index[i]));
            Nb201Cell rep = Nb201Cell.parse(BenchmarkSpace.NB201.archString(byFunction[i]));
            assertThat(Nb201Equivalence.key(rep, Nb201Equivalence.Level.PARAMETER_FUNCTION))
                    .isEqualTo(Nb201Equivalence.key(member, Nb201Equivalence.Level.PARAMETER_FUNCTION));
            // finer: one function class never spans two graph classes
            Integer seen = graphDrawOfFunctionDraw.putIfAbsent(byFunction[i], byGraph[i]);
            assertThat(seen == null ? byGraph[i] : seen).as(member.toString()).isEqualTo(byGraph[i]);
        }
        long functionDraws = java.util.Arrays.stream(byFunction).distinct().count();
        long graphDraws = java.util.Arrays.stream(byGraph).distinct().count();
        assertThat(functionDraws).isGreaterThan(graphDraws).isLessThan(2_000);
    }

    @Test
    void theConfigTravelsAsDataAndTheExecutionChangesNoScore(@TempDir Path dir) throws Exception {
        CorrelationStudy here = CorrelationStudy.builder().space(BenchmarkSpace.NATS_SSS).proxies("params")
                .proxy(new FakeProxy(Integer.MAX_VALUE)).sample(50).seed(9).bootstrapResamples(30).threads(2)
                .cacheDir(dir.resolve("here")).outDir(dir.resolve("tables")).build();
        StudyResult a = here.run();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(here.config());
        }
        StudyConfig travelled;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            travelled = (StudyConfig) in.readObject();
        }
        // another worker count, another cache, no tables, progress lines: the same scores and statistics
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        StudyResult b = new CorrelationStudy(travelled, new StudyExecution(1, dir.resolve("there"), null,
                Map.of("fake", new FakeProxy(Integer.MAX_VALUE)), new java.io.PrintStream(log, true,
                        java.nio.charset.StandardCharsets.UTF_8), 0, null, null)).run();
        assertThat(b.indices()).hasSize(50).containsExactly(a.indices());
        for (String proxy : java.util.List.of("params", "fake")) {
            assertThat(b.scores().doubleColumn(proxy).asDoubleArray())
                    .containsExactly(a.scores().doubleColumn(proxy).asDoubleArray());
            assertThat(b.summaryOf(proxy).spearman()).isEqualTo(a.summaryOf(proxy).spearman());
        }
        assertThat(b.summaryOf("fake").computed()).isEqualTo(50);
        assertThat(dir.resolve("tables/scores.csv")).exists();
        assertThat(dir.resolve("there")).isNotEmptyDirectory();
        assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("[fake nats-sss/cifar10] 50/50");
    }

    @Test
    void badConfigurationsAreRejected() {
        assertThatThrownBy(() -> CorrelationStudy.builder().space(BenchmarkSpace.NATS_SSS).proxies("zen")
                .shareEquivalent(true).build()).hasMessageContaining("nb201 only");
        assertThatThrownBy(() -> CorrelationStudy.builder().build()).hasMessageContaining("at least one proxy");
        assertThatThrownBy(() -> CorrelationStudy.builder().proxies("zen").target("valid_acc").build())
                .hasMessageContaining("valid_acc");
        assertThatThrownBy(() -> CorrelationStudy.builder().proxies("zen", "zen").build())
                .hasMessageContaining("duplicates");
        assertThatThrownBy(() -> CorrelationStudy.builder().proxies("nope").sample(2).bootstrapResamples(0).run())
                .hasMessageContaining("unknown proxy 'nope'");
        assertThatThrownBy(() -> CorrelationStudy.builder().proxies("params").threads(0).build())
                .hasMessageContaining("threads must be >= 1");
    }
}
