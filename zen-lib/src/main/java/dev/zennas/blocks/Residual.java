package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual unit {@code y = inner(x) + shortcut(x)}, where the shortcut is the identity or a projection
 * (1×1 conv <b>with bias</b>, stride s, padding 0, followed by BN: PlainNet's ResBlockProj, conventions §3.2, T8).
 * The ReLU that follows every residual add in Zen-NAS is a separate {@link Relu} after this block.
 */
public final class Residual extends AbstractBlock implements DirectBlock {

    private final Block inner;
    private final Block shortcut; // null = identity

    public Residual(Block inner, Block shortcut) {
        super((byte) 1);
        this.inner = addChildBlock("inner", inner);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
    }

    /** The Zen-NAS projection shortcut: Conv1×1(in→out, stride, bias) + BatchNorm2d(out). */
    public static SequentialBlock projection(int in, int out, int stride, double bnEps, double bnMomentum) {
        return new SequentialBlock()
                .add(new Conv(in, out, 1, stride, 1, true, 0))
                .add(new BatchNorm2d(out, bnEps, bnMomentum));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray main = inner.forward(store, inputs, training, params).singletonOrThrow();
        NDArray skip = shortcut == null ? inputs.singletonOrThrow()
                : shortcut.forward(store, inputs, training, params).singletonOrThrow();
        return new NDList(main.add(skip));
    }

    @Override
    public NDArray forwardDirect(DirectForward f, NDArray x) {
        NDArray main = f.run(inner, x);
        NDArray skip = shortcut == null ? x : f.run(shortcut, x);
        NDArray out = main != x ? main.addi(skip) : main.add(skip); // in place on our own array: same values as add
        if (skip != x && skip != out) {
            skip.close();
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        inner.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] main = inner.getOutputShapes(inputShapes);
        Shape[] skip = shortcut == null ? inputShapes : shortcut.getOutputShapes(inputShapes);
        if (!main[0].equals(skip[0])) {
            throw new IllegalArgumentException("Residual branches disagree: inner " + main[0] + " vs shortcut " + skip[0]);
        }
        return main;
    }

    public Block inner() { return inner; }
    /** The projection shortcut, or null for the identity. */
    public Block shortcut() { return shortcut; }

    @Override
    public String toString() {
        return "Residual(" + (shortcut == null ? "identity" : "projection") + ")";
    }
}
