package dev.zennas.space;

import dev.zennas.blocks.DirectBlock;
import dev.zennas.blocks.DirectForward;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The NB201 {@code none} op: an all-zero tensor of the output shape. It is a real op, not a dropped edge, because a
 * node whose every input is {@code none} must still exist (as zeros) for the ops that read it. With equal widths it
 * returns {@code x · 0} like the benchmark code, which keeps the autograd graph connected to the input (gradient
 * proxies then see zero gradients instead of a detached graph); with a width change it returns fresh zeros.
 */
public final class ZeroOp extends AbstractBlock implements DirectBlock {
    private final int in;
    private final int out;

    public ZeroOp(int in, int out) {
        super((byte) 1);
        this.in = in;
        this.out = out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (in == out) {
            return new NDList(x.mul(0f));
        }
        Shape s = x.getShape();
        return new NDList(x.getManager().zeros(new Shape(s.get(0), out, s.get(2), s.get(3)), x.getDataType()));
    }

    @Override
    public NDArray forwardDirect(DirectForward f, NDArray x) {
        return in == out ? x.mul(0f) : f.zeros(x, out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
    }

    @Override
    public String toString() {
        return "Zero(" + in + "->" + out + ")";
    }
}
