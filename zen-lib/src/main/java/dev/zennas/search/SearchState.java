package dev.zennas.search;

import dev.zennas.budget.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a search carries from one iteration to the next — and therefore everything a snapshot holds. There is no
 * RNG state: randomness is a pure function of (run seed, iteration), see {@link Seeds}.
 */
public final class SearchState {
    /** The next iteration to run (iterations 0 … nextIteration−1 are done). */
    public long nextIteration;
    /** The population in insertion order (order matters: eviction removes the first minimum). */
    public final List<Member> population = new ArrayList<>();
    /** Candidates per verdict (accepted and each rejected constraint). */
    public final Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    /** Accepted candidates equal to a member of the population at the time (duplicates are kept, conventions T20). */
    public long duplicates;
    /** Fast mode: scores served from the cache. */
    public long cacheHits;
    /** Fast mode: candidates re-scored at the full batch after screening. */
    public long rescored;
    /** Proxy evaluations actually run (full batch plus screening). */
    public long evaluations;
    /** The score curve. */
    public final List<CurvePoint> curve = new ArrayList<>();
    /** Wall seconds spent running, summed over resumes. */
    public double elapsedSeconds;
    /** Seconds spent in the proxy, summed over workers and resumes. */
    public double scoreSeconds;
    /** The start structure actually used (F0, or the fast-mode random start). Null until the run starts. */
    public String start;

    public SearchState() {
        for (Verdict v : Verdict.values()) verdicts.put(v, 0L);
    }

    /** The best member: the first occurrence of the maximum score (official argmax), or null when empty. */
    public Member best() {
        Member best = null;
        for (Member m : population) if (best == null || m.score() > best.score()) best = m;
        return best;
    }

    /** Candidates rejected by any constraint. */
    public long rejected() {
        long n = 0;
        for (Map.Entry<Verdict, Long> e : verdicts.entrySet()) if (e.getKey() != Verdict.ACCEPTED) n += e.getValue();
        return n;
    }

    /**
     * A score, time or rate as search output prints it: four significant digits, and whole numbers from 10^5 up so a
     * FLOPs-sized score reads as digits rather than in exponent notation.
     */
    public static String formatNumber(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e5 ? "%.0f" : "%.4g", v);
    }

    /** One progress line after {@code iteration} of {@code total}: best score, population size and iterations per second. */
    public String progressLine(long iteration, long total) {
        Member b = best();
        return String.format(Locale.ROOT, "iteration %d/%d  best %s  population %d  %.1f it/s", iteration, total,
                b == null ? "-" : formatNumber(b.score()), population.size(), iteration / Math.max(1e-9, elapsedSeconds));
    }
}
