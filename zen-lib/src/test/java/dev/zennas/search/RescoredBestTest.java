package dev.zennas.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.arch.Structure;
import dev.zennas.proxy.StructureProxy;
import org.junit.jupiter.api.Test;

/** The report's re-scoring of the best members, as the CLI and notebook 03 call it. */
class RescoredBestTest {

    private static SearchState shortRun(SearchSettings s) {
        try (EvolutionSearch es = new EvolutionSearch(s, 1)) {
            return es.run(es.newState(), null);
        }
    }

    private static SearchSettings settings() {
        SearchSettings.Builder b = Presets.get("cifar-params-1M").toBuilder();
        b.proxy = "test-hash";
        b.iterations = 60;
        b.population = 10;
        b.seed = 5;
        return b.build();
    }

    @Test
    void theWinnerIsTheBestReScoredFinalist() {
        SearchSettings s = settings();
        SearchState st = shortRun(s);
        RescoredBest r = RescoredBest.of(s, st, "test-hash", 64, 8, 4, 99L);
        // test-hash re-scores a structure as hash(structure, seed): the winner is the finalist with the largest hash
        double want = r.finalists().stringColumn("structure").asList().stream()
                .mapToDouble(x -> StructureProxy.hash(Structure.parse(x).toString(), 99L)).max().orElseThrow();
        assertThat(r.winnerRescored().getAsDouble()).isEqualTo(want);
        assertThat(StructureProxy.hash(r.winner(), 99L)).isEqualTo(want);
        assertThat(r.finalists().rowCount()).isEqualTo(4);
        assertThat(r.note()).isEqualTo("rescored = test-hash at batch 64, 8 repeats");
        assertThat(r.report()).contains("re-scoring the top 4 took").contains("best structure: " + r.winner());
    }

    @Test
    void topOneAndSkippedReScoringKeepTheBestDraw() {
        SearchSettings s = settings();
        SearchState st = shortRun(s);
        RescoredBest one = RescoredBest.of(s, st, "test-hash", 64, 8, 1, 99L);
        assertThat(one.winner()).isEqualTo(st.best().structure());
        assertThat(one.finalists()).isNull();
        RescoredBest none = RescoredBest.of(s, st, "none", 64, 8, 5, 99L);
        assertThat(none.winner()).isEqualTo(st.best().structure());
        assertThat(none.note()).isEqualTo("rescored: skipped (--rescore-proxy none)");
        assertThat(RescoredBest.of(s, st, "snip", 64, 8, 5, 99L).note()).contains("proxy 'snip' not available");
        assertThatThrownBy(() -> RescoredBest.of(s, st, "zen", 64, 8, 0, 99L)).hasMessageContaining("--top");
    }

    @Test
    void aNetThatCannotBeReScoredSaysWhyRatherThanShowingABareNaN() {
        SearchSettings s = settings();
        SearchState st = shortRun(s);
        // the Zen-Score refuses one image per batch (train-mode BN has no batch statistics): both nets fail alike,
        // as a large net over the memory budget at batch 64 does
        RescoredBest r = RescoredBest.of(s, st, "zen", 1, 1, 1, 99L);
        assertThat(r.versusReleased().doubleColumn("rescored").countMissing()).isEqualTo(2);
        assertThat(r.note()).startsWith("rescored = zen at batch 1, 1 repeats; search best not re-scored: ")
                .contains("zennet_cifar10_model_size1M_res32 not re-scored: ").contains("batch size 1 is not allowed");
        assertThat(RescoredBest.of(s, st, "test-hash", 64, 8, 1, 99L).note()).doesNotContain("not re-scored");
        assertThatThrownBy(() -> new SearchReport.Rescore("zen", 1, 8, 5)).hasMessageContaining("--rescore-batch");
    }
}
