package dev.zennas.search;

import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.arch.Structure;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ProxyException;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.WorkUnit;

/**
 * The search's {@link CandidateScorer} on the scoring core: a candidate becomes a {@link WorkUnit} (its no-residual,
 * no-SE network, conventions T3, at the search resolution and classes, with the spec's batch, gamma and repeats and
 * the candidate's derived seed) computed by {@link Scoring#compute}. Proxies oriented "lower is better" are negated
 * so the search always maximises.
 *
 * <p>One instance per worker thread (the search creates them through {@link Scorers} in the worker); the
 * constructor switches the thread's autograd off, as forward-only workers should (proxies that need gradients
 * switch it on around their backward pass themselves). A proxy failure (e.g. a network over the memory budget)
 * yields NaN, which the search stores as −∞ so the candidate is evicted first — the official search similarly stores
 * a failure value.
 */
public final class ProxyScorer implements CandidateScorer {
    private final ZeroShotProxy proxy;
    private final FitnessSpec spec;
    private final ExecutionSettings execution;

    public ProxyScorer(FitnessSpec spec) {
        this(spec, ExecutionSettings.defaults());
    }

    public ProxyScorer(FitnessSpec spec, ExecutionSettings execution) {
        this.proxy = Proxies.get(spec.proxy());
        this.spec = spec;
        this.execution = execution;
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch before the first JNI call
        JniUtils.setGradMode(false);
    }

    @Override
    public double score(Structure s, long seed) {
        ScoreResult r = Scoring.compute(unit(s, seed), proxy, execution);
        double v = r.mean();
        return proxy.higherIsBetter() ? v : -v;
    }

    /** The full result (all repeats, CI) for reports. */
    public ProxyResult result(Structure s, long seed) {
        ScoreResult r = Scoring.compute(unit(s, seed), proxy, execution);
        if (r.failed()) {
            throw new ProxyException(r.failure());
        }
        return r.result();
    }

    private WorkUnit unit(Structure s, long seed) {
        return new WorkUnit(seed, spec.target(s), spec.proxySpec(), seed);
    }
}
