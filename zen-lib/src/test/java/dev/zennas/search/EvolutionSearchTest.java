package dev.zennas.search;

import dev.zennas.budget.Constraints;
import dev.zennas.budget.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.arch.Counts;
import dev.zennas.arch.Structure;
import dev.zennas.arch.SuperBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official loop's semantics, determinism, worker-count independence and budgets of every preset. */
class EvolutionSearchTest {

    static SearchSettings small(String preset, String proxy, long iterations, int population, int k, SearchMode mode) {
        SearchSettings.Builder b = Presets.get(preset).toBuilder();
        b.proxy = proxy;
        b.iterations = iterations;
        b.population = population;
        b.candidatesPerStep = k;
        b.mode = mode;
        b.seed = 42;
        b.snapshotEvery = 50;
        b.curveEvery = 50;
        return b.build();
    }

    static SearchState run(SearchSettings s, int threads) {
        try (EvolutionSearch es = new EvolutionSearch(s, threads)) {
            return es.run(es.newState(), null);
        }
    }

    @Test
    void officialLoopSemantics() {
        SearchSettings s = small("cifar-params-1M", "analytic-params", 400, 20, 1, SearchMode.OFFICIAL);
        SearchState st = run(s, 1);
        // Every iteration is accounted for, rejected ones included.
        long total = st.verdicts.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(400);
        assertThat(st.nextIteration).isEqualTo(400);
        // Eviction happens before each append: at most N + 1 members remain.
        assertThat(st.population.size()).isBetween(20, 21);
        // F0 is never scored or inserted.
        assertThat(st.population).noneMatch(m -> m.structure().equals(Presets.CIFAR_INITIAL));
        // The result is the first member with the maximum score.
        double max = st.population.stream().mapToDouble(Member::score).max().orElseThrow();
        assertThat(st.best().score()).isEqualTo(max);
        assertThat(st.best()).isEqualTo(st.population.stream().filter(m -> m.score() == max).findFirst().orElseThrow());
        // The population is ordered by insertion (iteration ids increase).
        List<Long> its = st.population.stream().map(Member::iteration).toList();
        assertThat(its).isSorted();
    }

    @Test
    void firstElevenCandidatesAreSingleBlockMutationsOfF0() {
        SearchSettings s = small("cifar-params-1M", "test-hash", 11, 512, 1, SearchMode.OFFICIAL);
        SearchState st = run(s, 1);
        Structure f0 = Structure.parse(Presets.CIFAR_INITIAL);
        assertThat(st.population).hasSize(11); // the tiny F0 neighbourhood is always within budget
        for (Member m : st.population) {
            Structure c = Structure.parse(m.structure());
            assertThat(c.size()).isEqualTo(f0.size());
            int changed = 0;
            for (int i = 0; i < f0.size(); i++) {
                SuperBlock a = f0.block(i);
                SuperBlock b = c.block(i);
                if (!b.withIn(a.in()).equals(a)) changed++;
            }
            assertThat(changed).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void evictionRemovesTheFirstMinimum() {
        // Constant scores: every eviction removes the first (oldest) member, so the survivors are the newest.
        dev.zennas.proxy.Proxies.register("test-constant",
                () -> new dev.zennas.proxy.StructureProxy("test-constant", (s, res, classes, seed) -> 1.0));
        SearchSettings s = small("cifar-params-1M", "test-constant", 300, 15, 1, SearchMode.OFFICIAL);
        SearchState st = run(s, 1);
        long lastAccepted = st.population.get(st.population.size() - 1).iteration();
        assertThat(st.population.get(0).iteration()).isLessThan(lastAccepted);
        assertThat(st.best()).isEqualTo(st.population.get(0)); // argmax takes the first occurrence
    }

    @Test
    void sameSeedSameResultDifferentSeedDifferentResult() {
        SearchSettings s = small("cifar-params-1M", "test-hash", 300, 16, 1, SearchMode.OFFICIAL);
        assertThat(run(s, 1).population).isEqualTo(run(s, 1).population);
        SearchSettings other = s.toBuilder().build();
        SearchSettings.Builder b = other.toBuilder();
        b.seed = 43;
        assertThat(run(b.build(), 1).population).isNotEqualTo(run(s, 1).population);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfWorkers() {
        for (SearchMode mode : SearchMode.values()) {
            SearchSettings s = small("cifar-params-1M", "test-hash", 400, 24, 8, mode);
            SearchState one = run(s, 1);
            SearchState three = run(s, 3);
            assertThat(three.population).as(mode.name()).isEqualTo(one.population);
            assertThat(three.curve.stream().map(CurvePoint::best).toList()).isEqualTo(one.curve.stream().map(CurvePoint::best).toList());
        }
    }

    @Test
    void oneCandidatePerStepIsTheSequentialLoop() {
        // K = 1 with 2 threads equals K = 1 with 1 thread; K = 4 is a different (documented) schedule.
        SearchSettings k1 = small("cifar-params-1M", "test-hash", 200, 16, 1, SearchMode.OFFICIAL);
        assertThat(run(k1, 2).population).isEqualTo(run(k1, 1).population);
    }

    @Test
    void everyPresetRespectsItsBudgetOnShortRuns() {
        for (String name : Presets.names()) {
            SearchSettings preset = Presets.get(name);
            if (!Presets.runnable(preset)) {
                assertThatThrownBy(() -> new EvolutionSearch(small(name, "test-hash", 10, 8, 1, SearchMode.OFFICIAL), 1))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency");
                continue;
            }
            String proxy = preset.constraints().maxFlops() > 0 ? "analytic-flops" : "analytic-params";
            for (SearchMode mode : SearchMode.values()) {
                SearchSettings s = small(name, proxy, 300, 24, 4, mode);
                SearchState st = run(s, 1);
                assertThat(st.population).as(name).isNotEmpty();
                Constraints c = s.constraints();
                for (Member m : st.population) {
                    Structure str = Structure.parse(m.structure());
                    Counts counts = Counts.of(str, c.resolution(), c.numClasses(), false);
                    assertThat(str.layers()).as(name).isLessThanOrEqualTo(c.maxLayers());
                    if (c.maxParams() > 0) assertThat(counts.paramsCode()).as(name).isLessThanOrEqualTo(c.maxParams());
                    if (c.maxFlops() > 0) assertThat(counts.flopsCode()).as(name).isLessThanOrEqualTo(c.maxFlops());
                    assertThat(str.downsampling()).isEqualTo(s.initial().downsampling());
                }
            }
        }
    }

    @Test
    void fastModeRandomStartIsNearTheBudget() {
        SearchSettings s = small("cifar-params-1M", "analytic-params", 10, 8, 1, SearchMode.FAST);
        try (EvolutionSearch es = new EvolutionSearch(s, 1)) {
            Structure start = es.startStructure();
            assertThat(s.constraints().check(start)).isEqualTo(Verdict.ACCEPTED);
            assertThat(s.constraints().budgetUse(start)).isBetween(0.8, 1.0);
        }
        SearchSettings official = small("cifar-params-1M", "analytic-params", 10, 8, 1, SearchMode.OFFICIAL);
        try (EvolutionSearch es = new EvolutionSearch(official, 1)) {
            assertThat(es.startStructure().toString()).isEqualTo(Presets.CIFAR_INITIAL);
        }
    }

    @Test
    void fastModeCacheIsTransparent() {
        SearchSettings.Builder b = small("cifar-params-1M", "test-hash", 300, 16, 1, SearchMode.FAST).toBuilder();
        b.fast = new FastOptions(true, 100_000, false, 0.8, 0, 0, 0, 3);
        SearchState cached = run(b.build(), 1);
        b.fast = new FastOptions(false, 0, false, 0.8, 0, 0, 0, 3);
        SearchState uncached = run(b.build(), 1);
        assertThat(cached.population).isEqualTo(uncached.population);
        assertThat(cached.cacheHits).isGreaterThan(0);
        assertThat(uncached.cacheHits).isZero();
    }

    @Test
    void invalidSettingsAreRejectedClearly() {
        assertThatThrownBy(() -> small("cifar-params-1M", "test-hash", 10, 0, 1, SearchMode.OFFICIAL))
                .hasMessageContaining("population");
        assertThatThrownBy(() -> new EvolutionSearch(small("cifar-params-1M", "no-such-proxy", 10, 8, 1, SearchMode.OFFICIAL), 1))
                .hasMessageContaining("unknown proxy");
        assertThatThrownBy(() -> Presets.get("cifar-params-3M")).hasMessageContaining("known:");
        assertThatThrownBy(() -> new EvolutionSearch(small("cifar-params-1M", "test-hash", 10, 8, 1, SearchMode.OFFICIAL), 0))
                .hasMessageContaining("threads");
    }
}
