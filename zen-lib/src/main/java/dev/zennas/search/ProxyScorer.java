package dev.zennas.search;

import dev.zennas.arch.Structure;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ProxyException;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.WorkUnit;
import java.util.Optional;

/**
 * A {@link CandidateScorer} on the scoring core, for re-scoring a run's finalists in the calling thread: a candidate
 * becomes a {@link WorkUnit} of the search's target ({@link SearchSettings#target}) with the given proxy spec and
 * seed, computed by {@link Scoring#compute} — what the search's own steps send to their executor. Proxies oriented
 * "lower is better" are negated so higher is always better; a proxy failure (e.g. a network over the memory budget)
 * yields NaN.
 */
public final class ProxyScorer implements CandidateScorer {
    private final ZeroShotProxy proxy;
    private final SearchSettings search;
    private final ProxySpec spec;
    private final ExecutionSettings execution;

    /** Scores candidates of {@code search} with {@code spec}. */
    public ProxyScorer(SearchSettings search, ProxySpec spec) {
        this.proxy = Proxies.get(spec.proxy());
        this.search = search;
        this.spec = spec;
        this.execution = ExecutionSettings.defaults();
    }

    @Override
    public double score(Structure s, long seed) {
        return fitness(Scoring.compute(unit(s, seed), proxy, execution), proxy.higherIsBetter());
    }

    /** The value a search maximises: the mean over the repeats, negated for "lower is better"; NaN on failure. */
    static double fitness(ScoreResult r, boolean higherIsBetter) {
        double v = r.mean();
        return higherIsBetter ? v : -v;
    }

    /** The full result (all repeats, CI) for reports. */
    public ProxyResult result(Structure s, long seed) {
        ScoreResult r = Scoring.compute(unit(s, seed), proxy, execution);
        if (r.failed()) {
            throw new ProxyException(r.failure());
        }
        return r.result();
    }

    /** Why scoring {@code s} fails (e.g. over the memory budget at this batch), or empty when it succeeds. */
    public Optional<String> failure(Structure s, long seed) {
        ScoreResult r = Scoring.compute(unit(s, seed), proxy, execution);
        return r.failed() ? Optional.of(r.failure()) : Optional.empty();
    }

    private WorkUnit unit(Structure s, long seed) {
        return new WorkUnit(seed, search.target(s.toString()), spec, seed);
    }
}
