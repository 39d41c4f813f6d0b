package dev.zennas.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a search prints: its settings, its default directory, its numbers and its progress lines. */
class SearchTextTest {

    static SearchSettings settings(long iterations, int curveEvery) {
        SearchSettings.Builder b = Presets.get("cifar-params-1M").toBuilder();
        b.proxy = "test-hash";
        b.iterations = iterations;
        b.population = 24;
        b.seed = 7;
        b.snapshotEvery = curveEvery;
        b.curveEvery = curveEvery;
        return b.build();
    }

    @Test
    void settingsTextHasATitleThenOneAlignedLinePerSetting() {
        SearchSettings s = settings(200, 40);
        var lines = s.toText().lines().toList();
        assertThat(lines.get(0)).isEqualTo("search settings (" + Presets.script("cifar-params-1M") + ")");
        assertThat(lines).hasSize(1 + s.describe().size());
        assertThat(lines.get(1)).isEqualTo(String.format("  %-28s %s", "preset", "cifar-params-1M"));
        assertThat(lines).contains(String.format("  %-28s %s", "iterations", "200"),
                String.format("  %-28s %s", "seed", "7"));
    }

    @Test
    void defaultRunDirectoryNamesPresetModeSeedAndStart() {
        assertThat(settings(200, 40).defaultRunDir(LocalDateTime.of(2026, 1, 2, 3, 4, 5)))
                .isEqualTo(Path.of("runs", "cifar-params-1M-official-s7-20260102-030405"));
    }

    @Test
    void numbersHaveFourSignificantDigitsAndLargeOnesNoExponent() {
        assertThat(SearchState.formatNumber(3.14159)).isEqualTo("3.142");
        assertThat(SearchState.formatNumber(0.5)).isEqualTo("0.5000");
        assertThat(SearchState.formatNumber(123456.7)).isEqualTo("123457");
    }

    @Test
    void curvePointLogPrintsOneLinePerCurvePoint(@TempDir Path tmp) {
        SearchRun run = SearchRun.create(tmp.resolve("r"), settings(200, 40));
        StringWriter log = new StringWriter();
        SearchState st = run.run(1, run.curvePointLog(new PrintWriter(log)));
        var lines = log.toString().lines().toList();
        assertThat(lines).hasSize(5);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith("iteration " + 40 * (i + 1) + "/200  best ").endsWith(" it/s");
        }
        assertThat(lines.get(4)).contains("best " + SearchState.formatNumber(st.best().score()) + "  population "
                + st.population.size() + " ");
    }

    @Test
    void progressLineOfAnEmptyStateHasNoBest() {
        SearchState st = new SearchState();
        st.elapsedSeconds = 2;
        assertThat(st.progressLine(10, 100)).isEqualTo("iteration 10/100  best -  population 0  5.0 it/s");
    }
}
