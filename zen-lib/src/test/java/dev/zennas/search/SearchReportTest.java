package dev.zennas.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SearchReportTest {

    @Test
    void rescoreTopTakesDistinctFinalistsAndRanksThemByTheirRescoredValue() {
        SearchSettings s = Presets.get("cifar-params-1M");
        String a = Presets.CIFAR_INITIAL;
        String b = a.replace("SuperConvK1BNRELU(64,128,1,1)", "SuperConvK1BNRELU(64,256,1,1)");
        String c = a.replace("SuperConvK1BNRELU(64,128,1,1)", "SuperConvK1BNRELU(64,512,1,1)");
        List<Member> population = List.of(new Member(a, 10, 1), new Member(a, 10, 2), new Member(b, 9, 3),
                new Member(c, 1, 4));
        // a lucky draw put `a` first; its "mean" is worse than b's
        CandidateScorer rescore = (st, seed) -> st.toString().equals(b) ? 8.5 : st.toString().equals(a) ? 7.0 : 0.0;
        Table t = SearchReport.rescoreTop(population, 2, rescore, 1, s);
        assertThat(t.rowCount()).isEqualTo(2); // a once (duplicate member skipped), then b; c is not a finalist
        assertThat(t.stringColumn("structure").asList()).containsExactly(b, a);
        assertThat(t.doubleColumn("rescored").asList()).containsExactly(8.5, 7.0);
        assertThat(t.intColumn("rank").asList()).containsExactly(1, 2);
    }

    @Test
    void bestVsReleasedReusesAKnownRescoreAndScoresOnlyTheReleasedNet() {
        SearchSettings s = Presets.get("cifar-params-1M");
        String best = Presets.CIFAR_INITIAL;
        List<String> scored = new java.util.ArrayList<>();
        CandidateScorer rescore = (st, seed) -> {
            scored.add(st.toString());
            return 100.0 + seed;
        };
        Table known = SearchReport.bestVsReleased(s, best, java.util.OptionalDouble.of(42.25), rescore, 3);
        assertThat(known.rowCount()).isEqualTo(2); // the search best and the released ZenNet-1M
        assertThat(known.doubleColumn("rescored").asList()).containsExactly(42.25, 103.0);
        assertThat(scored).hasSize(1).doesNotContain(best);
        scored.clear();
        Table fresh = SearchReport.bestVsReleased(s, best, rescore, 3);
        assertThat(fresh.doubleColumn("rescored").asList()).containsExactly(103.0, 103.0);
        assertThat(scored).hasSize(2).startsWith(best);
    }
}
