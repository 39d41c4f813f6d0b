package dev.zennas.search;

import dev.zennas.budget.Verdict;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link SearchState} ({@code snapshot.json} of a run directory).
 *
 * @param format         file format version
 * @param nextIteration  iterations done
 * @param start          the start structure in use
 * @param population     the population in insertion order
 * @param verdicts       candidates per verdict key
 */
public record Snapshot(int format, long nextIteration, String start, List<Member> population, Map<String, Long> verdicts,
                       long duplicates, long cacheHits, long rescored, long evaluations, double elapsedSeconds,
                       double scoreSeconds, List<CurvePoint> curve) {
    public static final int FORMAT = 1;

    public static Snapshot of(SearchState s) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (Map.Entry<Verdict, Long> e : s.verdicts.entrySet()) v.put(e.getKey().key(), e.getValue());
        return new Snapshot(FORMAT, s.nextIteration, s.start, List.copyOf(s.population), v, s.duplicates, s.cacheHits,
                s.rescored, s.evaluations, s.elapsedSeconds, s.scoreSeconds, List.copyOf(s.curve));
    }

    public SearchState toState() {
        if (format != FORMAT) throw new IllegalArgumentException("unsupported snapshot format " + format);
        SearchState s = new SearchState();
        s.nextIteration = nextIteration;
        s.start = start;
        s.population.addAll(population);
        Map<Verdict, Long> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) m.put(v, verdicts == null ? 0L : verdicts.getOrDefault(v.key(), 0L));
        s.verdicts.putAll(m);
        s.duplicates = duplicates;
        s.cacheHits = cacheHits;
        s.rescored = rescored;
        s.evaluations = evaluations;
        s.elapsedSeconds = elapsedSeconds;
        s.scoreSeconds = scoreSeconds;
        if (curve != null) s.curve.addAll(curve);
        return s;
    }
}
