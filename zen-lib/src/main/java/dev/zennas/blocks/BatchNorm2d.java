package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * BatchNorm over the channel axis of an NCHW tensor, with PyTorch's semantics and conventions.
 *
 * <p>{@code momentum} is in the <b>PyTorch convention</b> (weight of the new batch statistic: 0.1 in the Zen-NAS
 * search, 0.01 in Zen-NAS training) — not DJL's complement (conventions T2). In training mode libtorch normalises
 * with the biased batch variance and updates the running statistics <em>in place</em> with the unbiased one:
 * {@code running_var ← (1−m)·running_var + m·v·n/(n−1)}. Parameter names match DJL's {@code BatchNorm}
 * ({@code gamma}, {@code beta}, {@code runningMean}, {@code runningVar}) so proxies find the BN layers of any
 * block by the {@code runningVar} name.
 */
public final class BatchNorm2d extends AbstractBlock {

    /** Zen-NAS MasterNet eps (conventions §0.2). */
    public static final double ZEN_EPS = 1e-3;
    /** PyTorch default momentum, used by the Zen-NAS search and the proxies. */
    public static final double SEARCH_MOMENTUM = 0.1;
    /** Momentum of the Zen-NAS training scripts. */
    public static final double TRAIN_MOMENTUM = 0.01;

    private final int channels;
    private final double eps;
    private final double momentum;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /**
     * @param channels number of channels (axis 1)
     * @param eps      added to the variance (Zen-NAS: 1e-3; torchvision: 1e-5)
     * @param momentum PyTorch-convention momentum in (0, 1]
     */
    public BatchNorm2d(int channels, double eps, double momentum) {
        super((byte) 1);
        if (channels <= 0) {
            throw new IllegalArgumentException("BatchNorm2d needs channels > 0, got " + channels);
        }
        if (!(eps > 0) || !(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm2d needs eps > 0 and PyTorch momentum in (0,1], got eps="
                    + eps + " momentum=" + momentum);
        }
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        Shape shape = new Shape(channels);
        gamma = addParameter(param("gamma", Parameter.Type.GAMMA, shape, Initializer.ONES, true));
        beta = addParameter(param("beta", Parameter.Type.BETA, shape, Initializer.ZEROS, true));
        runningMean = addParameter(param("runningMean", Parameter.Type.RUNNING_MEAN, shape, Initializer.ZEROS, false));
        runningVar = addParameter(param("runningVar", Parameter.Type.RUNNING_VAR, shape, Initializer.ONES, false));
    }

    /** Zen-NAS search/proxy BN: eps 1e-3, PyTorch momentum 0.1. */
    public static BatchNorm2d zen(int channels) {
        return new BatchNorm2d(channels, ZEN_EPS, SEARCH_MOMENTUM);
    }

    private static Parameter param(String name, Parameter.Type type, Shape shape, Initializer init, boolean grad) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init)
                .optRequiresGrad(grad).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(apply(x,
                store.getValue(runningMean, x.getDevice(), training),
                store.getValue(runningVar, x.getDevice(), training),
                store.getValue(gamma, x.getDevice(), training),
                store.getValue(beta, x.getDevice(), training),
                training));
    }

    /**
     * Raw forward straight into libtorch's {@code batch_norm} (no axis swapping). In training mode the running
     * statistics arrays are updated in place.
     */
    public NDArray apply(NDArray x, NDArray mean, NDArray var, NDArray g, NDArray b, boolean training) {
        return apply(x, mean, var, g, b, training, momentum);
    }

    /** As {@link #apply(NDArray, NDArray, NDArray, NDArray, NDArray, boolean)} with another PyTorch-convention momentum. */
    public NDArray apply(NDArray x, NDArray mean, NDArray var, NDArray g, NDArray b, boolean training, double momentum) {
        return JniUtils.batchNorm((PtNDArray) x, (PtNDArray) mean, (PtNDArray) var, (PtNDArray) g, (PtNDArray) b,
                training, momentum, eps);
    }

    /**
     * Running statistics {@code {mean 0, var 1}} of this layer's shape, for a pass that must leave the layer's own
     * untouched (a second pass run concurrently, or the second half of a joined batch); fold them back with
     * {@link #foldSecondPass}.
     */
    public NDArray[] freshRunningStats(NDManager manager) {
        Shape c = new Shape(channels);
        return new NDArray[] {manager.zeros(c), manager.ones(c)};
    }

    /**
     * Folds the statistics {@code {mean, var}} of a second train-mode pass that started from {@link #freshRunningStats}
     * into this layer's own, which hold the first pass's: the result equals the two passes run one after the other
     * (the update is affine: rv = (1−m)·rv₁ + rv₂ − (1−m), rm = (1−m)·rm₁ + rm₂).
     */
    public void foldSecondPass(NDArray[] second) {
        float keep = (float) (1 - momentum);
        runningVar.getArray().muli(keep).addi(second[1]).subi(keep);
        runningMean.getArray().muli(keep).addi(second[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        if (s.dimension() < 2 || s.get(1) != channels) {
            throw new IllegalArgumentException("BatchNorm2d(" + channels + ") expects [N," + channels + ",...], got " + s);
        }
        return new Shape[] {s};
    }

    public int channels() { return channels; }
    public double eps() { return eps; }
    /** PyTorch-convention momentum. */
    public double momentum() { return momentum; }
    public Parameter gamma() { return gamma; }
    public Parameter beta() { return beta; }
    public Parameter runningMean() { return runningMean; }
    public Parameter runningVar() { return runningVar; }

    @Override
    public String toString() {
        return "BatchNorm2d(" + channels + ", eps=" + eps + ", momentum=" + momentum + ")";
    }
}
