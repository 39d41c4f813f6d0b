package dev.zennas.proxy;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Shared repeat loop: per repeat a fresh sub-manager (everything allocated during the repeat is freed with it),
 * a fresh network from the target, and a Java RNG seeded from (seed, repeat). Grad mode is switched off for the
 * calling thread while scoring and restored afterwards; engine failures become {@link ProxyException}s.
 */
abstract class RepeatedProxy implements ZeroShotProxy {

    /** One repeat's outcome: the score and its named parts (in a fixed order: they are printed and compared as text). */
    record Draw(double value, Map<String, Double> parts) {
        static Draw of(double value) {
            return new Draw(value, Map.of());
        }
    }

    /** Everything one repeat needs. */
    record Context(ProxyTarget target, ProxySettings settings, ExecutionSettings execution, ProxyNetwork network,
                   NDManager manager, SplittableRandom rng, int repeat, int resolution) {
        Shape inputShape(int batch) {
            return new Shape(batch, target.inputChannels(), resolution, resolution);
        }
    }

    /** Data type the network must have for this proxy. */
    DataType dataType() {
        return DataType.FLOAT32;
    }

    /** Whether the proxy runs a network at all (Params/FLOPs/Random do not). */
    boolean needsNetwork() {
        return true;
    }

    /** Batch size used by this proxy for the given settings. */
    int batchSize(ProxySettings s) {
        return s.batchSize();
    }

    /** How many activation copies stay alive during a repeat (2 for the Zen-Score's two passes). */
    int activationCopies() {
        return 1;
    }

    abstract Draw once(Context c);

    @Override
    public ProxyResult score(ProxyTarget target, ProxySettings settings) {
        return score(target, settings, ExecutionSettings.defaults());
    }

    @Override
    public ProxyResult score(ProxyTarget target, ProxySettings settings, ExecutionSettings execution) {
        int repeats = settings.repeats();
        double[] values = new double[repeats];
        Map<String, double[]> parts = new LinkedHashMap<>();
        int resolution = settings.resolutionFor(target);
        Engine.getEngine("PyTorch"); // loads libtorch before the first JNI call
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        long start = System.nanoTime();
        try (NDManager base = NDManager.newBaseManager()) {
            for (int r = 0; r < repeats; r++) {
                try (NDManager sub = base.newSubManager()) {
                    ProxyNetwork net = null;
                    if (needsNetwork()) {
                        net = target.build(sub, settings);
                        prepare(net, target, sub, settings, resolution);
                    }
                    Draw d = once(new Context(target, settings, execution, net, sub, Seeds.forRepeat(settings.seed(), r), r,
                            resolution));
                    values[r] = d.value();
                    for (var e : d.parts().entrySet()) {
                        parts.computeIfAbsent(e.getKey(), k -> new double[repeats])[r] = e.getValue();
                    }
                }
                checkTime(settings, start, r);
            }
        } catch (EngineException e) {
            throw new ProxyException(name() + " failed on " + shortId(target) + ": " + firstLine(e.getMessage()), e);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / repeats;
        return ProxyResult.of(name(), values, seconds, parts);
    }

    /** Initialises the network's arrays (batch-1 shapes) and checks batch size and memory budget. */
    void prepare(ProxyNetwork net, ProxyTarget target, NDManager manager, ProxySettings settings, int resolution) {
        int batch = batchSize(settings);
        Shape one = new Shape(1, target.inputChannels(), resolution, resolution);
        NetInit.prepare(net.features(), manager, dataType(), one);
        Shape featureShape = net.features().getOutputShapes(new Shape[] {one})[0];
        if (net.head() != null) {
            NetInit.prepare(net.head(), manager, dataType(), featureShape);
        }
        checkBatch(net, batch);
        long elements = Activations.elements(net.features(), one);
        long bytes = elements * batch * dataType().getNumOfBytes() * activationCopies();
        long budget = settings.memoryBudgetBytes();
        if (budget > 0 && bytes > budget) {
            throw new ProxyException(String.format(
                    "%s: %s needs about %.2f GiB of activations at batch %d, resolution %d (budget %.2f GiB);"
                            + " lower the batch or resolution, or raise the memory budget",
                    name(), shortId(target), bytes / (double) (1L << 30), batch, resolution,
                    budget / (double) (1L << 30)));
        }
    }

    void checkBatch(ProxyNetwork net, int batch) {
        if (batch < 2 && usesBatchStatistics() && BnLayers.of(net.features(), net.head()).size() > 0) {
            throw new ProxyException(name() + ": batch size " + batch + " is not allowed: train-mode BatchNorm"
                    + " normalises with batch statistics, which one sample does not define (use >= 2; official: "
                    + (name().equals("naswot") ? "8" : "64") + ")");
        }
    }

    /** Whether the proxy's forward uses train-mode BN with batch statistics over several samples. */
    boolean usesBatchStatistics() {
        return true;
    }

    private void checkTime(ProxySettings s, long start, int repeat) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (s.timeBudgetSeconds() > 0 && elapsed > s.timeBudgetSeconds() && repeat + 1 < s.repeats()) {
            throw new ProxyException(String.format("%s: time budget of %.1f s exceeded after %d of %d repeats"
                    + " (%.1f s); lower the repeats or raise the budget", name(), s.timeBudgetSeconds(), repeat + 1,
                    s.repeats(), elapsed));
        }
    }

    /** Runs features then head (when present) and returns the logits. */
    static NDArray logits(ProxyNetwork net, ParameterStore ps, NDArray x, boolean training) {
        NDList out = net.features().forward(ps, new NDList(x), training);
        if (net.head() != null) {
            out = net.head().forward(ps, out, training);
        }
        return out.singletonOrThrow();
    }

    /**
     * As {@link #logits}, with the features through the direct forward (NCHW) where the network supports it: under
     * autograd it records a leaner graph (no {@code none} edges, one ReLU per node), so forward and backward both get
     * cheaper. Gradients equal the Block API's to float rounding ({@code DirectForwardTest});
     * {@link ExecutionSettings#directForward()} false switches it off.
     */
    static NDArray directLogits(ProxyNetwork net, ParameterStore ps, NDArray x, boolean training,
            ExecutionSettings execution) {
        // the Block API where not supported
        NDArray f = new FastForward(net.features(), execution.directForward()).forward(ps, x, training);
        return net.head() == null ? f : net.head().forward(ps, new NDList(f), training).singletonOrThrow();
    }

    /** Re-initialises features and head (in that order) from the repeat's RNG. */
    static void fillAll(ProxyNetwork net, SplittableRandom rng, NetInit.Scheme scheme) {
        NetInit.fill(net.features(), rng, scheme, true);
        if (net.head() != null) {
            NetInit.fill(net.head(), rng, scheme, true);
        }
    }

    /** Parameters of features and head, in order. */
    static List<Parameter> allParameters(ProxyNetwork net) {
        List<Parameter> list = new ArrayList<>(NetInit.parameters(net.features()));
        if (net.head() != null) {
            list.addAll(NetInit.parameters(net.head()));
        }
        return list;
    }

    /** An N(0,1) input batch drawn from the repeat's RNG. */
    static NDArray gaussianInput(NDManager manager, Shape shape, SplittableRandom rng, DataType type) {
        return NetInit.create(manager, shape, type, rng::nextGaussian);
    }

    /** Zeroes the gradients of every parameter that records one. */
    static void zeroGrads(List<Parameter> params) {
        for (Parameter p : params) {
            if (p.requiresGradient() && p.isInitialized()) {
                NDArray a = p.getArray();
                if (a.hasGradient()) {
                    JniUtils.zeroGrad((PtNDArray) a);
                }
            }
        }
    }

    /** Backward of a scalar, keeping the graph when asked (TE-NAS runs one backward per sample). */
    static void backward(NDArray scalar, boolean keepGraph) {
        try (NDArray ones = scalar.onesLike()) {
            JniUtils.backward((PtNDArray) scalar, (PtNDArray) ones, keepGraph, false);
        }
    }

    static String shortId(ProxyTarget t) {
        String id = t.id();
        return id.length() > 60 ? id.substring(0, 57) + "..." : id;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "engine error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
