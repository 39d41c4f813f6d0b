package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PlainNet's SE(C) (conventions §3.2): s = max(1, rint(C/4)) (banker's rounding),
 * {@code y = x ⊙ sigmoid(BN_C(conv1×1_{s→C}(relu(BN_s(conv1×1_{C→s}(GAP(x)))))))}, both convs without bias.
 * The inner ReLU is a plain relu (PlainNet's SE uses {@code nn.ReLU}, which NASWOT does not hook).
 */
public final class SqueezeExcite extends AbstractBlock implements DirectBlock {

    private final int channels;
    private final int squeezed;
    private final Conv reduce;
    private final BatchNorm2d bnReduce;
    private final Conv expand;
    private final BatchNorm2d bnExpand;

    public SqueezeExcite(int channels, double bnEps, double bnMomentum) {
        super((byte) 1);
        if (channels <= 0) {
            throw new IllegalArgumentException("SqueezeExcite needs channels > 0, got " + channels);
        }
        this.channels = channels;
        this.squeezed = squeezedWidth(channels);
        reduce = addChildBlock("reduce", new Conv(channels, squeezed, 1, 1, 1, false));
        bnReduce = addChildBlock("bnReduce", new BatchNorm2d(squeezed, bnEps, bnMomentum));
        expand = addChildBlock("expand", new Conv(squeezed, channels, 1, 1, 1, false));
        bnExpand = addChildBlock("bnExpand", new BatchNorm2d(channels, bnEps, bnMomentum));
    }

    /** max(1, int(round(C·0.25))) with Python's banker's rounding. */
    public static int squeezedWidth(int channels) {
        return Math.max(1, (int) Math.rint(channels * 0.25));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray pooled = x.getNDArrayInternal().globalAvgPool().reshape(x.getShape().get(0), channels, 1, 1);
        NDList h = reduce.forward(store, new NDList(pooled), training, params);
        h = bnReduce.forward(store, h, training, params);
        h = new NDList(h.singletonOrThrow().getNDArrayInternal().relu());
        h = expand.forward(store, h, training, params);
        h = bnExpand.forward(store, h, training, params);
        NDArray gate = h.singletonOrThrow().getNDArrayInternal().sigmoid();
        return new NDList(x.mul(gate));
    }

    /** The same computation on raw arrays, intermediates closed as soon as they are used. */
    @Override
    public NDArray forwardDirect(DirectForward f, NDArray x) {
        NDArray gap = x.getNDArrayInternal().globalAvgPool();
        NDArray pooled = gap.reshape(x.getShape().get(0), channels, 1, 1);
        gap.close();
        NDArray h = f.run(reduce, pooled);
        pooled.close();
        NDArray next = f.run(bnReduce, h);
        h.close();
        h = next.getNDArrayInternal().relu();
        next.close();
        next = f.run(expand, h);
        h.close();
        h = f.run(bnExpand, next);
        next.close();
        NDArray gate = h.getNDArrayInternal().sigmoid();
        h.close();
        NDArray out = x.mul(gate);
        gate.close();
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), channels, 1, 1);
        reduce.initialize(manager, dataType, pooled);
        Shape mid = new Shape(inputShapes[0].get(0), squeezed, 1, 1);
        bnReduce.initialize(manager, dataType, mid);
        expand.initialize(manager, dataType, mid);
        bnExpand.initialize(manager, dataType, pooled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        if (inputShapes[0].get(1) != channels) {
            throw new IllegalArgumentException("SqueezeExcite(" + channels + ") got " + inputShapes[0]);
        }
        return new Shape[] {inputShapes[0]};
    }

    public int channels() { return channels; }
    public int squeezed() { return squeezed; }

    @Override
    public String toString() {
        return "SqueezeExcite(" + channels + "->" + squeezed + ")";
    }
}
