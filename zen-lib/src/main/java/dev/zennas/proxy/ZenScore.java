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
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.util.Futures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Zen-Score (conventions §1): {@code ln Δ + Σ_i ln σ̄_i} on the no-residual network at Gaussian init, with the three
 * conventions of {@link ZenConvention}.
 *
 * <p>Per repeat: weights N(0,1), biases 0, γ = 1, β = 0, running mean 0 / var 1; x, ε ~ N(0,1) from the repeat's
 * Java RNG, x' = x + γ·ε; two train-mode forwards (BN updates running stats in place, PyTorch momentum);
 * Δ = mean over the batch of the per-sample L1 (A, B) or L2 (C) norm of f(x) − f(x'); σ̄_i = sqrt(mean over
 * channels of running_var after both passes (A) or of the batch variance of the clean pass (B, C)).
 * Parts: {@code log_delta}, {@code bn_term}.
 */
public final class ZenScore extends RepeatedProxy {

    /**
     * The Zen-Score reads the pre-GAP features of the network as computed and the BN statistics of every BN layer
     * that runs, nothing else.
     */
    @Override
    public boolean dependsOnlyOnComputedGraph() {
        return true;
    }

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
    public ProxyResult score(ProxyTarget target, ProxySettings settings, ExecutionSettings execution) {
        if (!settings.accumulateBnStats()) {
            return super.score(target, settings, execution);
        }
        return scoreAccumulating(target, settings, execution);
    }

    /** Official standalone-script behaviour: one network, running statistics never reset after the first repeat. */
    private ProxyResult scoreAccumulating(ProxyTarget target, ProxySettings settings, ExecutionSettings execution) {
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
                    double[] d = once(net, bn, sub, Seeds.forRepeat(settings.seed(), r), settings, execution,
                            target.inputChannels(), resolution, r == 0, null);
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

    /**
     * Every piece of repeat 0 of {@code score(target, settings)}: the same network, RNG, inputs and code path, with the
     * intermediate values kept. {@code trace(t, s).score()} equals {@code score(t, s).values()[0]} bit for bit (with
     * {@code accumulateBnStats}, repeat 0 is the same too: the statistics start fresh).
     */
    public static ZenScoreTrace trace(ProxyTarget target, ProxySettings settings) {
        return trace(target, settings, ExecutionSettings.defaults());
    }

    /** As above, with the given execution choices (the score does not depend on them). */
    public static ZenScoreTrace trace(ProxyTarget target, ProxySettings settings, ExecutionSettings execution) {
        int resolution = settings.resolutionFor(target);
        Engine.getEngine("PyTorch");
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        ZenScore proxy = new ZenScore();
        try (NDManager manager = NDManager.newBaseManager()) {
            ProxyNetwork net = target.build(manager, settings);
            proxy.prepare(net, target, manager, settings, resolution);
            Recorder recorder = new Recorder();
            once(net, BnLayers.of(net.features()), manager, Seeds.forRepeat(settings.seed(), 0), settings, execution,
                    target.inputChannels(), resolution, true, recorder);
            return recorder.trace;
        } catch (EngineException e) {
            throw new ProxyException("zen failed on " + shortId(target) + ": " + firstLine(e.getMessage()), e);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Collects the pieces of one draw for {@link #trace}; null in ordinary scoring (nothing is copied then). */
    private static final class Recorder {
        float[] noise;
        java.util.List<ZenScoreTrace.Tensor> parameters;
        ZenScoreTrace trace;

        static float[] nchw(NDArray a) {
            // reshape to one axis reads the elements in logical (NCHW) order, also from a channels-last view
            try (NDArray flat = a.reshape(a.size())) {
                return flat.toFloatArray();
            }
        }

        void parameters(ai.djl.nn.Block block) {
            parameters = new java.util.ArrayList<>();
            for (var p : block.getParameters()) {
                NDArray a = p.getValue().getArray();
                parameters.add(new ZenScoreTrace.Tensor(p.getKey(), a.getShape(), nchw(a)));
            }
        }
    }

    @Override
    Draw once(Context c) {
        BnLayers bn = BnLayers.of(c.network().features());
        double[] d = once(c.network(), bn, c.manager(), c.rng(), c.settings(), c.execution(),
                c.target().inputChannels(), c.resolution(), true, null);
        Map<String, Double> parts = new LinkedHashMap<>(); // a fixed order: JSON output is compared as text
        parts.put("log_delta", d[1]);
        parts.put("bn_term", d[2]);
        return new Draw(d[0], parts);
    }

    /** Daemon threads that run the perturbed pass concurrently with the clean one. */
    private static final ExecutorService PASSES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "zen-score-pass");
        t.setDaemon(true);
        return t;
    });

    private static NDArray await(Future<NDArray> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyException("zen: interrupted", e);
        } catch (ExecutionException e) {
            throw Futures.failure(e, c -> new ProxyException("zen: perturbed pass failed: " + c, c));
        }
    }

    /** One Zen-Score draw; returns {score, ln Δ, Σ ln σ̄}. */
    static double[] once(ProxyNetwork net, BnLayers bn, NDManager manager, SplittableRandom rng,
                         ProxySettings s, ExecutionSettings execution, int channels, int resolution,
                         boolean resetRunningStats, Recorder recorder) {
        NetInit.fill(net.features(), rng, NetInit.Scheme.GAUSSIAN, resetRunningStats);
        if (recorder != null) {
            recorder.parameters(net.features());
            recorder.noise = new float[Math.toIntExact(new Shape(s.batchSize(), channels, resolution, resolution).size())];
        }
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
            float e = (float) rng.nextGaussian();
            mixed[i] = x[i] + gamma * e;
            if (recorder != null) {
                recorder.noise[i] = e;
            }
        }
        // through NetInit's reused direct buffer: NDManager.create(float[]) would allocate (and alias) a fresh
        // direct ByteBuffer per input, freed only when the GC gets round to it
        FastForward features = new FastForward(net.features(), execution.directForward());
        boolean channelsLast = features.isFast() && execution.channelsLast() && shape.dimension() == 4;
        NDArray input = Layout.images(manager, shape, x, channelsLast);
        NDArray mixedInput = Layout.images(manager, shape, mixed, channelsLast);
        ParameterStore ps = new ParameterStore(manager, false);
        ZenConvention conv = s.convention();
        float[] before = conv == ZenConvention.A ? null : bn.runningVars();
        NDArray f1;
        NDArray f2;
        float[] afterClean;
        List<BatchNorm2d> bns = features.batchNorms();
        if (features.isFast() && execution.concurrentPasses() && bns.size() == bn.size()) {
            // The perturbed pass runs concurrently on its own running statistics, started fresh (mean 0, var 1);
            // the sequential result is recovered exactly afterwards.
            NDArray[][] stats = new NDArray[bns.size()][];
            for (int i = 0; i < stats.length; i++) {
                stats[i] = bns.get(i).freshRunningStats(manager);
            }
            Future<NDArray> second = PASSES.submit(() -> {
                JniUtils.setGradMode(false);
                return features.forward(ps, mixedInput, true, stats, channelsLast);
            });
            try {
                f1 = features.forward(ps, input, true, null, channelsLast);
            } finally {
                f2 = await(second);
            }
            afterClean = conv == ZenConvention.A ? null : bn.runningVars();
            for (int i = 0; i < stats.length; i++) {
                bns.get(i).foldSecondPass(stats[i]);
            }
        } else {
            f1 = features.forward(ps, input, true, null, channelsLast);
            afterClean = conv == ZenConvention.A ? null : bn.runningVars();
            f2 = features.forward(ps, mixedInput, true, null, channelsLast);
        }

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
        double[] terms = new double[bn.size()];
        for (int i = 0; i < bn.size(); i++) {
            terms[i] = 0.5 * Math.log(bn.layerMean(stats, i));
            bnTerm += terms[i];
        }
        if (recorder != null) {
            float[] running = bn.runningVars();
            java.util.List<ZenScoreTrace.BnLayer> layers = new java.util.ArrayList<>();
            for (int i = 0, offset = 0; i < bn.size(); i++) {
                BnLayers.Layer layer = bn.layers().get(i);
                int c = Math.toIntExact(layer.runningVar().getArray().size());
                double eps = layer.owner() instanceof BatchNorm2d b2 ? b2.eps() : Double.NaN;
                layers.add(new ZenScoreTrace.BnLayer(c, layer.momentum(), eps,
                        java.util.Arrays.copyOfRange(running, offset, offset + c),
                        java.util.Arrays.copyOfRange(stats, offset, offset + c), terms[i]));
                offset += c;
            }
            recorder.trace = new ZenScoreTrace(conv, s.gamma(), shape, x, recorder.noise, mixed, recorder.parameters,
                    f1.getShape(), Recorder.nchw(f1), Recorder.nchw(f2), delta, logDelta, java.util.List.copyOf(layers),
                    bnTerm, logDelta + bnTerm);
        }
        return new double[] {logDelta + bnTerm, logDelta, bnTerm};
    }
}
