package dev.zennas.search;

import dev.zennas.budget.Constraints;
import dev.zennas.budget.Verdict;
import dev.zennas.arch.Structure;
import dev.zennas.search.mutation.Mutation;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.Proxies;
import dev.zennas.scoring.LocalExecutor;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.ScoringExecutor;
import dev.zennas.scoring.WorkUnit;
import dev.zennas.search.mutation.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Zen-NAS evolutionary search (conventions §4.1), with the official semantics by default.
 *
 * <p>Per iteration t: evict the first minimum-score member while the population is larger than N; if the population
 * has at most 10 members mutate F0 with one block replacement, else a uniformly chosen member with two; split at 6;
 * check max layers → params → FLOPs → latency (a rejected candidate still uses up its iteration); score; append.
 * F0 is never scored or inserted. The result is the first member with the maximum score.
 *
 * <p><b>Parallel steps.</b> With {@code candidatesPerStep = K}, iterations t … t+K−1 draw their parents from the
 * same population (the one at the start of the step), are scored together, and are appended in iteration order,
 * evicting before each append as the sequential loop does. K = 1 is exactly the official loop. The randomness of
 * iteration t is a fresh {@link SplittableRandom} seeded from (run seed, t), and the proxy seed of candidate t comes
 * from (run seed, t) (fast mode: from the structure string), so results depend on K but never on the number of
 * threads or on the executor, and a run resumed from a snapshot continues exactly as if never stopped.
 *
 * <p><b>Scoring.</b> A candidate's score is a {@link WorkUnit} of the scoring core: the settings' proxy spec on the
 * candidate's target ({@link SearchSettings#target}) with its derived seed. The units of a step go to a
 * {@link ScoringExecutor} as one list — the local pool by default; on Spark, one job per step. Fast mode keeps an
 * in-memory memo of scores (key "S|" or "F|" + structure, for the screening and the full batch), whose hits are not
 * sent.
 */
public final class EvolutionSearch implements AutoCloseable {
    private final SearchSettings settings;
    private final SearchSpace space;
    private final Constraints constraints;
    private final int threads;
    private final ScoringExecutor executor;
    private final boolean ownsExecutor;
    private final ExecutionSettings execution;
    private final ProxySpec full;
    private final ProxySpec screen;
    private final boolean higherIsBetter;
    private final Map<String, Double> memo;
    private final boolean fast;

    /** Called after every step (for snapshots and progress). */
    public interface Listener {
        void afterStep(SearchState state, long stepStart, long stepEnd);
    }

    /**
     * A search scored by a pool of {@code threads} workers in this JVM.
     *
     * @param settings the run's settings (a latency budget needs a latency model in its constraints)
     * @param threads  worker threads for scoring (results do not depend on it)
     */
    public EvolutionSearch(SearchSettings settings, int threads) {
        this(settings, null, threads);
    }

    /**
     * A search whose candidates are scored by {@code executor} (null: a pool of {@code threads} workers in this JVM,
     * closed with the search); a given executor stays the caller's to close. Every executor computes a unit with
     * {@link dev.zennas.scoring.Scoring#compute}, so the result does not depend on which one scores.
     *
     * @param threads workers of the local pool; a cluster executor has its own
     */
    public EvolutionSearch(SearchSettings settings, ScoringExecutor executor, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (!Presets.runnable(settings)) {
            throw new IllegalArgumentException("preset " + settings.preset() + " has a latency budget ("
                    + settings.constraints().maxLatencyMs() + " ms/image) but no latency model to check it (build this"
                    + " machine's table with `zen latency table build`)");
        }
        this.settings = settings;
        this.space = settings.searchSpace();
        this.constraints = settings.constraints();
        this.threads = threads;
        this.fast = settings.mode() == SearchMode.FAST;
        this.full = settings.fitness();
        if (!Proxies.exists(full.proxy())) {
            throw new IllegalArgumentException("unknown proxy '" + full.proxy() + "' (known: " + String.join(", ", Proxies.names()) + ")");
        }
        this.higherIsBetter = Proxies.get(full.proxy()).higherIsBetter();
        FastOptions fo = settings.fast();
        this.screen = fast && fo.screenBatch() > 0 && fo.screenBatch() < full.batchSize() ? full.withBatchSize(fo.screenBatch()) : null;
        this.memo = fast && fo.cache() && fo.cacheSize() > 0 ? lru(fo.cacheSize()) : null;
        this.ownsExecutor = executor == null;
        this.executor = executor == null ? new LocalExecutor() : executor;
        this.execution = ExecutionSettings.defaults().withThreads(threads);
    }

    public SearchSettings settings() {
        return settings;
    }

    /** A fresh state for a new run. */
    public SearchState newState() {
        SearchState s = new SearchState();
        s.start = startStructure().toString();
        return s;
    }

    /** Runs all remaining iterations of {@code state}. */
    public SearchState run(SearchState state, Listener listener) {
        return runUntil(state, settings.iterations(), listener);
    }

    /** Runs until {@code state.nextIteration >= until} (bounded by the configured iterations). */
    public SearchState runUntil(SearchState state, long until, Listener listener) {
        return runUntil(state, until, listener, () -> false);
    }

    /**
     * Runs until {@code state.nextIteration >= until} or {@code stop} answers true (checked between steps; the state
     * is then consistent and can be snapshotted and resumed).
     */
    public SearchState runUntil(SearchState state, long until, Listener listener, java.util.function.BooleanSupplier stop) {
        if (state.start == null) state.start = startStructure().toString();
        Structure f0 = Structure.parseUnchecked(state.start);
        long end = Math.min(until, settings.iterations());
        int n = settings.population();
        Map<String, Integer> inPopulation = new HashMap<>();
        for (Member m : state.population) inPopulation.merge(m.structure(), 1, Integer::sum);
        while (state.nextIteration < end && !stop.getAsBoolean()) {
            long wallStart = System.nanoTime();
            long t0 = state.nextIteration;
            int k = (int) Math.min(settings.candidatesPerStep(), end - t0);
            evict(state, n, inPopulation);
            double bestNow = state.population.isEmpty() ? Double.NEGATIVE_INFINITY : state.best().score();
            // 1. Generate and check the K candidates from the population as it is now (sequential, cheap).
            Structure[] candidates = new Structure[k];
            Verdict[] verdicts = new Verdict[k];
            for (int j = 0; j < k; j++) {
                long t = t0 + j;
                Structure cand = propose(state.population, f0, t);
                verdicts[j] = constraints.check(cand);
                if (verdicts[j] == Verdict.ACCEPTED) candidates[j] = cand;
            }
            // 2. Score the accepted ones on the executor (in parallel where it has several workers).
            double[] scores = new double[k];
            double[] seconds = new double[k];
            int[] kind = new int[k];
            scoreAll(candidates, t0, bestNow, scores, seconds, kind);
            // A step whose scoring failed or was stopped changes nothing beyond the eviction every step starts with,
            // which the resumed step repeats as a no-op.
            for (Verdict v : verdicts) state.verdicts.merge(v, 1L, Long::sum);
            // 3. Append in iteration order, evicting before each append like the sequential loop.
            boolean first = true;
            for (int j = 0; j < k; j++) {
                if (candidates[j] == null) continue;
                if (!first) evict(state, n, inPopulation);
                first = false;
                String str = candidates[j].toString();
                if (inPopulation.containsKey(str)) state.duplicates++;
                double score = Double.isNaN(scores[j]) ? Double.NEGATIVE_INFINITY : scores[j];
                state.population.add(new Member(str, score, t0 + j));
                inPopulation.merge(str, 1, Integer::sum);
                state.scoreSeconds += seconds[j];
                switch (kind[j]) {
                    case 1 -> state.cacheHits++;
                    case 2 -> { state.evaluations += 2; state.rescored++; }
                    default -> state.evaluations++;
                }
            }
            state.nextIteration = t0 + k;
            state.elapsedSeconds += (System.nanoTime() - wallStart) / 1e9;
            long every = settings.curveEvery();
            if (state.nextIteration / every != t0 / every || state.nextIteration == settings.iterations()) {
                addCurvePoint(state);
            }
            if (listener != null) listener.afterStep(state, t0, state.nextIteration);
        }
        return state;
    }

    /** The structure mutated while the population is small: F0, or in fast mode a random start near the budget. */
    public Structure startStructure() {
        Structure f0 = settings.initial();
        if (!fast || !settings.fast().randomInit()) return f0;
        return randomStart(f0);
    }

    /**
     * Fast-mode start: a random walk of one- or two-block mutations from F0 that accepts a step when the candidate is
     * within all budgets and raises {@code min(use / target, 1) + layers / maxLayers} — the Zen-Score grows with depth
     * as well as width, and the official F0 uses neither budget — until {@code initBudgetFraction} of the tightest
     * params/FLOPs budget and all layers are used (or 20,000 steps). Only counting, no scoring; a pure function of the
     * run seed.
     */
    Structure randomStart(Structure f0) {
        Structure cur = f0.rechained();
        double target = settings.fast().initBudgetFraction();
        int maxLayers = constraints.maxLayers();
        double value = startValue(cur, target, maxLayers);
        for (int step = 0; step < 20_000; step++) {
            if (constraints.budgetUse(cur) >= target && (maxLayers == 0 || cur.layers() >= maxLayers)) break;
            SplittableRandom rng = new SplittableRandom(Seeds.derive(settings.seed(), Seeds.INIT, step));
            Structure cand = Mutation.mutate(cur, 1 + rng.nextInt(2), space, rng);
            if (constraints.check(cand) != Verdict.ACCEPTED) continue;
            double v = startValue(cand, target, maxLayers);
            if (v > value) {
                cur = cand;
                value = v;
            }
        }
        return cur;
    }

    private double startValue(Structure s, double target, int maxLayers) {
        double v = Math.min(constraints.budgetUse(s) / target, 1.0);
        return maxLayers > 0 ? v + s.layers() / (double) maxLayers : v;
    }

    private Structure propose(List<Member> population, Structure f0, long t) {
        SplittableRandom rng = Seeds.mutation(settings.seed(), t);
        int replaces;
        Structure parent;
        if (population.size() <= SearchSettings.EARLY_POPULATION) {
            parent = f0;
            replaces = 1;
        } else {
            Member chosen = population.get(rng.nextInt(population.size()));
            if (fast) {
                for (int d = 1; d < settings.fast().tournament(); d++) {
                    Member other = population.get(rng.nextInt(population.size()));
                    if (other.score() > chosen.score()) chosen = other;
                }
            }
            parent = Structure.parseUnchecked(chosen.structure());
            replaces = 2;
        }
        if (fast && settings.fast().earlyReplaces() > 0 && t < settings.fast().earlyIterations()) {
            replaces = Math.max(replaces, settings.fast().earlyReplaces());
        }
        // The official main loop splits again after the mutation's own split (idempotent for sub_layers <= 8).
        return Mutation.mutate(parent, replaces, space, rng).split(Mutation.SPLIT_THRESHOLD);
    }

    /**
     * Scores the accepted candidates of one step: screen units first (fast mode with a screening batch), then full
     * units for the candidates whose screened score beats {@code bestNow} — each group as one list for the executor,
     * memo hits not sent. kind: 0 = proxy ran, 1 = served from the memo, 2 = screened then re-scored at full batch.
     * The memo holds pure functions of (structure, seed, batch), so a hit is exactly what the proxy would return:
     * results do not depend on its contents; only the counters do. With the memo on, a structure proposed twice in one
     * step is computed once and counts as a hit the second time, as in a one-worker loop over the step. (With K > 1
     * the memo sees a step's screening look-ups before its full-batch ones; once it is full, what it evicts can then
     * differ from a candidate-by-candidate order, and so can the hit counters, never a score.)
     */
    private void scoreAll(Structure[] cands, long t0, double bestNow, double[] scores, double[] seconds, int[] kind) {
        int k = cands.length;
        String[] keys = new String[k];
        long[] seeds = new long[k];
        for (int j = 0; j < k; j++) {
            if (cands[j] == null) continue;
            keys[j] = cands[j].toString();
            seeds[j] = fast ? Seeds.structureSeed(settings.seed(), keys[j]) : Seeds.scoring(settings.seed(), t0 + j);
        }
        boolean[] hit = new boolean[k];
        boolean[] all = new boolean[k];
        for (int j = 0; j < k; j++) all[j] = cands[j] != null;
        if (screen != null) {
            double[] screened = new double[k];
            boolean[] rescore = new boolean[k];
            scoreGroup("S|", screen, all, keys, seeds, screened, seconds, hit);
            for (int j = 0; j < k; j++) {
                rescore[j] = all[j] && screened[j] > bestNow;
                if (rescore[j]) kind[j] = 2;
                scores[j] = screened[j];
            }
            scoreGroup("F|", full, rescore, keys, seeds, scores, seconds, hit);
        } else {
            scoreGroup("F|", full, all, keys, seeds, scores, seconds, hit);
        }
        for (int j = 0; j < k; j++) if (hit[j] && kind[j] == 0) kind[j] = 1;
    }

    /**
     * Scores the candidates {@code j} with {@code wanted[j]} under {@code spec} into {@code values[j]}: from the memo
     * (fast mode) where it holds them, the rest as one call of the executor. Adds each candidate's proxy seconds.
     */
    private void scoreGroup(String prefix, ProxySpec spec, boolean[] wanted, String[] keys, long[] seeds,
            double[] values, double[] seconds, boolean[] hit) {
        List<WorkUnit> units = new ArrayList<>();
        Map<String, Integer> sent = new HashMap<>(); // memo key -> index of its unit in this call
        int[] unitOf = new int[wanted.length];
        boolean[] owner = new boolean[wanted.length];
        for (int j = 0; j < wanted.length; j++) {
            unitOf[j] = -1;
            if (!wanted[j]) continue;
            String key = prefix + keys[j];
            Double memoised = memo == null ? null : memo.get(key);
            if (memoised != null) {
                values[j] = memoised;
                hit[j] = true;
            } else if (memo != null && sent.containsKey(key)) {
                unitOf[j] = sent.get(key);
                hit[j] = true;
            } else {
                unitOf[j] = units.size();
                owner[j] = true;
                sent.put(key, units.size());
                units.add(new WorkUnit(units.size(), settings.target(keys[j]), spec, seeds[j]));
            }
        }
        if (units.isEmpty()) return;
        List<ScoreResult> results = executor.execute(units, execution, r -> { });
        if (results.size() != units.size()) { // stopped: the step is not applied, the state stays as it was
            throw new IllegalStateException("scoring stopped before the step ended (" + results.size() + " of "
                    + units.size() + " candidates scored)");
        }
        for (int j = 0; j < wanted.length; j++) {
            if (unitOf[j] < 0) continue;
            ScoreResult r = results.get(unitOf[j]);
            values[j] = ProxyScorer.fitness(r, higherIsBetter);
            if (owner[j]) {
                seconds[j] += r.seconds();
                if (memo != null) memo.put(prefix + keys[j], values[j]);
            }
        }
    }

    private static void evict(SearchState state, int n, Map<String, Integer> inPopulation) {
        while (state.population.size() > n) {
            int worst = 0;
            for (int i = 1; i < state.population.size(); i++) {
                if (state.population.get(i).score() < state.population.get(worst).score()) worst = i;
            }
            Member gone = state.population.remove(worst);
            inPopulation.computeIfPresent(gone.structure(), (k, c) -> c == 1 ? null : c - 1);
        }
    }

    private static void addCurvePoint(SearchState state) {
        if (state.population.isEmpty()) {
            state.curve.add(new CurvePoint(state.nextIteration, Double.NaN, Double.NaN, Double.NaN, 0, state.elapsedSeconds));
            return;
        }
        double[] v = state.population.stream().mapToDouble(Member::score).sorted().toArray();
        int m = v.length;
        double median = m % 2 == 1 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
        state.curve.add(new CurvePoint(state.nextIteration, v[m - 1], median, v[0], m, state.elapsedSeconds));
    }

    private static Map<String, Double> lru(int max) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Double> e) {
                return size() > max;
            }
        };
    }


    public int threads() {
        return threads;
    }

    /** The executor that scores the candidates. */
    public ScoringExecutor executor() {
        return executor;
    }

    @Override
    public void close() {
        if (ownsExecutor) executor.close();
    }
}
