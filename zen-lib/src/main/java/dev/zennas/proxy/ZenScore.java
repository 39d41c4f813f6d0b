package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Zen-Score (spec §1): {@code ln Δ + Σ_i ln σ̄_i} on the no-residual network at Gaussian init, with the three
 * conventions of {@link ZenConvention}.
 *
 * <p>Per repeat: weights N(0,1), biases 0, γ = 1, β = 0, running mean 0 / var 1; x, ε ~ N(0,1) from the repeat's
 * Java RNG, x' = x + γ·ε; two train-mode forwards (BN updates running stats in place, PyTorch momentum);
 * Δ = mean over the batch of the per-sample L1 (A, B) or L2 (C) norm of f(x) − f(x'); σ̄_i = sqrt(mean over
 * channels of running_var after both passes (A) or of the batch variance of the clean pass (B, C)).
 * Parts: {@code log_delta}, {@code bn_term}.
 */
public final class ZenScore extends RepeatedProxy {

    @Override
    public String name() {
        return "zen";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    int activationCopies() {
        return 2;
    }

    @Override
    public ProxyResult score(ProxyTarget target, ProxySettings settings) {
        if (!settings.accumulateBnStats()) {
            return super.score(target, settings);
        }
        return scoreAccumulating(target, settings);
    }

    /** Official standalone-script behaviour: one network, running statistics never reset after the first repeat. */
    private ProxyResult scoreAccumulating(ProxyTarget target, ProxySettings settings) {
        int repeats = settings.repeats();
        double[] values = new double[repeats];
        double[] logDelta = new double[repeats];
        double[] bnTerm = new double[repeats];
        int resolution = settings.resolutionFor(target);
        Engine.getEngine("PyTorch");
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        long start = System.nanoTime();
        try (NDManager base = NDManager.newBaseManager(); NDManager netManager = base.newSubManager()) {
            ProxyNetwork net = target.build(netManager, settings);
            prepare(net, target, netManager, settings, resolution);
            BnLayers bn = BnLayers.of(net.features());
            for (int r = 0; r < repeats; r++) {
                try (NDManager sub = base.newSubManager()) {
                    double[] d = once(net, bn, sub, Seeds.forRepeat(settings.seed(), r), settings,
                            target.inputChannels(), resolution, r == 0);
                    values[r] = d[0];
                    logDelta[r] = d[1];
                    bnTerm[r] = d[2];
                }
            }
        } catch (EngineException e) {
            throw new ProxyException("zen failed on " + shortId(target) + ": " + firstLine(e.getMessage()), e);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / repeats;
        Map<String, double[]> parts = new LinkedHashMap<>();
        parts.put("log_delta", logDelta);
        parts.put("bn_term", bnTerm);
        return ProxyResult.of(name(), values, seconds, parts);
    }

    @Override
    Draw once(Context c) {
        BnLayers bn = BnLayers.of(c.network().features());
        double[] d = once(c.network(), bn, c.manager(), c.rng(), c.settings(), c.target().inputChannels(),
                c.resolution(), true);
        return new Draw(d[0], Map.of("log_delta", d[1], "bn_term", d[2]));
    }

    /** One Zen-Score draw; returns {score, ln Δ, Σ ln σ̄}. */
    static double[] once(ProxyNetwork net, BnLayers bn, NDManager manager, SplittableRandom rng,
                         ProxySettings s, int channels, int resolution, boolean resetRunningStats) {
        NetInit.fill(net.features(), rng, NetInit.Scheme.GAUSSIAN, resetRunningStats);
        int batch = s.batchSize();
        Shape shape = new Shape(batch, channels, resolution, resolution);
        int n = Math.toIntExact(shape.size());
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        float gamma = (float) s.gamma();
        float[] mixed = new float[n];
        for (int i = 0; i < n; i++) {
            mixed[i] = x[i] + gamma * (float) rng.nextGaussian();
        }
        NDArray input = manager.create(x, shape);
        NDArray mixedInput = manager.create(mixed, shape);
        ParameterStore ps = new ParameterStore(manager, false);
        ZenConvention conv = s.convention();
        float[] before = conv == ZenConvention.A ? null : bn.runningVars();
        FastForward features = new FastForward(net.features());
        NDArray f1 = features.forward(ps, input, true);
        float[] afterClean = conv == ZenConvention.A ? null : bn.runningVars();
        NDArray f2 = features.forward(ps, mixedInput, true);

        double delta;
        NDArray diff = f1.sub(f2);
        if (conv == ZenConvention.C) {
            NDArray d64 = diff.toType(DataType.FLOAT64, false);
            int[] axes = new int[d64.getShape().dimension() - 1];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i + 1;
            }
            delta = d64.square().sum(axes).sqrt().mean().getDouble();
        } else {
            delta = diff.abs().toType(DataType.FLOAT64, false).sum().getDouble() / batch;
        }
        double logDelta = Math.log(delta);

        double bnTerm = 0;
        float[] stats = conv == ZenConvention.A ? bn.runningVars() : bn.batchVariances(before, afterClean);
        for (int i = 0; i < bn.size(); i++) {
            bnTerm += 0.5 * Math.log(bn.layerMean(stats, i));
        }
        return new double[] {logDelta + bnTerm, logDelta, bnTerm};
    }
}
