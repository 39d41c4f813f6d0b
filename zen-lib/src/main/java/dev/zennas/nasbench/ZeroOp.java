package dev.zennas.nasbench;

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
            return new NDList(timesZero(x));
        }
        Shape s = x.getShape();
        return new NDList(x.getManager().zeros(new Shape(s.get(0), out, s.get(2), s.get(3)), x.getDataType()));
    }

    @Override
    public NDArray forwardDirect(DirectForward f, NDArray x) {
        return in == out ? timesZero(x) : f.zeros(x, out);
    }

    /**
     * x · 0 with a scalar that libtorch owns. Not DJL's {@code x.mul(0f)}: that builds the scalar on a Java direct
     * buffer and closes it at once, while autograd keeps the scalar for the backward pass — after a garbage
     * collection has freed the buffer, the backward reads freed memory (random gradients, seen as SynFlow scores of
     * 1e190 or NaN on NB201 cells with {@code none} edges).
     */
    static NDArray timesZero(NDArray x) {
        try (NDArray zero = x.getManager().zeros(new Shape(), x.getDataType())) {
            return x.mul(zero);
        }
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
