package dev.zennas.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.arch.Structure;
import dev.zennas.proxy.ZenConvention;
import dev.zennas.scoring.ProxySpec;
import org.junit.jupiter.api.Test;

/** The adapter to dev.zennas.proxy: real Zen-Scores, deterministic per seed, independent of worker threads. */
class ProxyScorerTest {

    @Test
    void everyProxyIsRegisteredCaseInsensitively() {
        for (String name : new String[] {"zen", "Zen", "naswot", "te-nas", "synflow", "gradnorm", "params", "flops", "random"}) {
            assertThat(Scorers.exists(name)).as(name).isTrue();
        }
    }

    @Test
    void zenScoreIsAPureFunctionOfStructureAndSeed() {
        SearchSettings search = Presets.get("cifar-params-1M");
        ProxySpec spec = new ProxySpec("zen", 4, 32, 0.01, 1, ZenConvention.A);
        CandidateScorer zen = Scorers.create(search, spec);
        Structure f0 = Structure.parse(Presets.CIFAR_INITIAL);
        double a = zen.score(f0, 11);
        assertThat(a).isFinite().isPositive();
        assertThat(zen.score(f0, 11)).isEqualTo(a);
        assertThat(zen.score(f0, 12)).isNotEqualTo(a);
        // The Params proxy of dev.zennas.proxy agrees with the analytic built-in.
        double p = Scorers.create(search, spec.withProxy("params")).score(f0, 0);
        double q = Scorers.create(search, spec.withProxy("analytic-params")).score(f0, 0);
        assertThat(p).isEqualTo(q);
    }

    @Test
    void zenSearchDoesNotDependOnWorkerThreads() {
        SearchSettings.Builder b = Presets.get("cifar-params-1M").toBuilder();
        b.proxyBatch = 2;
        b.iterations = 8;
        b.population = 4;
        b.candidatesPerStep = 4;
        b.seed = 3;
        SearchSettings s = b.build();
        SearchState one;
        SearchState two;
        try (EvolutionSearch es = new EvolutionSearch(s, 1)) {
            one = es.run(es.newState(), null);
        }
        try (EvolutionSearch es = new EvolutionSearch(s, 2)) {
            two = es.run(es.newState(), null);
        }
        assertThat(two.population).isEqualTo(one.population);
        assertThat(one.population).allSatisfy(m -> assertThat(m.score()).isFinite());
    }
}
