package dev.zennas.search;

import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.arch.Structure;
import dev.zennas.proxy.ProxyException;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ZeroShotProxy;

/**
 * Adapter from a {@link ZeroShotProxy} of {@code dev.zennas.proxy} to the search's {@link CandidateScorer}: the
 * candidate is scored on its no-residual, no-SE network (conventions T3) at the search resolution and classes, with the
 * spec's batch, gamma and repeats and the candidate's derived seed. Proxies oriented "lower is better" are negated
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
    private final ProxySettings base;

    public ProxyScorer(FitnessSpec spec) {
        this.proxy = Proxies.get(spec.proxy());
        this.spec = spec;
        this.base = ProxySettings.defaults().withBatchSize(spec.batchSize()).withResolution(spec.resolution())
                .withGamma(spec.gamma()).withRepeats(spec.repeats());
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch before the first JNI call
        JniUtils.setGradMode(false);
    }

    @Override
    public double score(Structure s, long seed) {
        try {
            ProxyResult r = proxy.score(Proxies.target(s, spec.resolution(), spec.numClasses()), base.withSeed(seed));
            double v = r.mean();
            return proxy.higherIsBetter() ? v : -v;
        } catch (ProxyException e) {
            return Double.NaN;
        }
    }

    /** The full result (all repeats, CI) for reports. */
    public ProxyResult result(Structure s, long seed) {
        return proxy.score(Proxies.target(s, spec.resolution(), spec.numClasses()), base.withSeed(seed));
    }
}
