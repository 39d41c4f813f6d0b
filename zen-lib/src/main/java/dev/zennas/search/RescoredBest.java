package dev.zennas.search;

import dev.zennas.arch.Structure;
import java.util.Locale;
import java.util.OptionalDouble;
import tech.tablesaw.api.Table;

/**
 * A run's best structure after re-scoring — what {@code zen search report} prints and notebooks show: the search
 * keeps the best single (often lucky) draw, so the {@code top} best distinct members are re-scored with more repeats
 * and the best re-scored one is set beside the released net of the same budget.
 *
 * @param top            how many of the best distinct members were asked for
 * @param winner         the best re-scored structure (the best single draw when {@code top} is 1 or re-scoring is off)
 * @param winnerRescored the winner's re-scored value, when the finalists table computed it
 * @param finalists      the re-scored top members (see {@link SearchReport#rescoreTop}); null when {@code top} is 1
 *                       or re-scoring is off
 * @param versusReleased the winner beside the released net ({@link SearchReport#bestVsReleased})
 * @param note           how the {@code rescored} column was obtained, or why it is missing
 * @param seconds        wall time of re-scoring the finalists
 */
public record RescoredBest(int top, String winner, OptionalDouble winnerRescored, Table finalists, Table versusReleased,
                           String note, double seconds) {

    /** The seed of the re-scoring draws in {@code zen search report}. */
    public static final long REPORT_SEED = 12345L;

    /**
     * Re-scores the {@code top} best distinct members of {@code state} with {@code proxy} at {@code batch} and
     * {@code repeats} (seeds from {@code seed}); {@code proxy} "none" or not registered skips the re-scoring.
     *
     * @throws IllegalArgumentException when {@code top} is below 1 or the state has no scored member
     */
    public static RescoredBest of(SearchSettings settings, SearchState state, String proxy, int batch, int repeats,
            int top, long seed) {
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, got " + top);
        }
        Member best = state.best();
        if (best == null) {
            throw new IllegalArgumentException("no candidate scored yet");
        }
        CandidateScorer rescorer = null;
        String note;
        if (!"none".equalsIgnoreCase(proxy) && Scorers.exists(proxy)) {
            rescorer = Scorers.create(settings, settings.fitness().withProxy(proxy).withBatchSize(batch).withRepeats(repeats));
            note = "rescored = " + proxy + " at batch " + batch + ", " + repeats + " repeats";
        } else {
            note = "rescored: skipped (" + ("none".equalsIgnoreCase(proxy) ? "--rescore-proxy none"
                    : "proxy '" + proxy + "' not available") + ")";
        }
        String winner = best.structure();
        OptionalDouble winnerRescored = OptionalDouble.empty();
        Table finalists = null;
        long t0 = System.nanoTime();
        if (rescorer != null && top > 1) {
            finalists = SearchReport.rescoreTop(state.population, top, rescorer, seed, settings);
            // a re-score can be non-finite (very wide candidates overflow the Zen-Score): take the first finite one,
            // since Tablesaw's get() returns null for a missing (NaN) value
            int row = 0;
            for (int i = finalists.rowCount() - 1; i >= 0; i--) {
                if (Double.isFinite(finalists.doubleColumn("rescored").getDouble(i))) {
                    row = i;
                }
            }
            winner = finalists.stringColumn("structure").get(row);
            // the winner was just re-scored with this scorer and seed: the comparison reuses that value
            winnerRescored = OptionalDouble.of(finalists.doubleColumn("rescored").getDouble(row));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Table versus = SearchReport.bestVsReleased(settings, winner, winnerRescored, rescorer, seed);
        note += whyNotRescored(settings, versus, winner, rescorer, seed);
        return new RescoredBest(top, winner, winnerRescored, finalists, versus, note, seconds);
    }

    /**
     * Why a net of the comparison has no re-score (a failed score is NaN, most often a network over the proxy's memory
     * budget at the re-scoring batch), so a report never shows a bare NaN; empty when every net was re-scored.
     */
    private static String whyNotRescored(SearchSettings settings, Table versus, String winner, CandidateScorer rescorer,
            long seed) {
        if (!(rescorer instanceof ProxyScorer scorer)) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < versus.rowCount(); i++) {
            if (Double.isFinite(versus.doubleColumn("rescored").getDouble(i))) continue;
            String structure = i == 0 ? winner
                    : SearchReport.releasedCounterpart(settings.preset()).orElseThrow().structure().toString();
            b.append("; ").append(versus.stringColumn("net").get(i)).append(" not re-scored: ")
                    .append(scorer.failure(Structure.parse(structure), seed).orElse("the score is not finite"));
        }
        return b.toString();
    }

    /** The lines {@code zen search report} prints after the best draw: finalists, timing, winner, comparison, note. */
    public String report() {
        StringBuilder b = new StringBuilder();
        if (finalists != null) {
            b.append(finalists.copy().removeColumns("structure").printAll()).append('\n');
            b.append(String.format(Locale.ROOT, "re-scoring the top %d took %.0f s; best re-scored: %s%n",
                    top, seconds, winner));
        }
        b.append("best structure: ").append(winner).append('\n');
        b.append(versusReleased.printAll()).append('\n');
        b.append(note).append('\n');
        return b.toString();
    }
}
