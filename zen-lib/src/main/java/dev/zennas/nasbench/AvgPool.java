package dev.zennas.nasbench;

import dev.zennas.blocks.DirectBlock;
import dev.zennas.blocks.DirectForward;
import dev.zennas.blocks.Pooling;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Average pooling with PyTorch's {@code count_include_pad = False} semantics: a border window divides by the number
 * of real pixels it covers (4 in a corner of a 3×3/pad-1 pool, 6 on an edge, 9 inside). Output shapes are computed
 * analytically, so building a network runs no tensor op.
 *
 * <p>Why not {@code Pool.avgPool2dBlock(..., countIncludePad = false)}: DJL 0.36's PyTorch engine ignores that
 * flag and always counts the padding (checked: a 3×3 corner gives 8/9 instead of 2 on {@code arange(9)}).
 */
public final class AvgPool extends AbstractBlock implements DirectBlock {
    private final int kernel;
    private final int stride;
    private final int padding;

    /**
     * @param kernel window side
     * @param stride step
     * @param padding implicit zero padding on each side (excluded from the average)
     */
    public AvgPool(int kernel, int stride, int padding) {
        super((byte) 1);
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("invalid pooling kernel=" + kernel + " stride=" + stride + " padding="
                    + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** The NB201 cell op {@code avg_pool_3x3}: 3×3, stride 1, padding 1, padding excluded. */
    public static AvgPool cellPool() {
        return new AvgPool(3, 1, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray pooled = pool(x);
        if (padding == 0) {
            return new NDList(pooled);
        }
        // DJL 0.36's PyTorch engine ignores countIncludePad (always divides by kernel²). Dividing by the pooled
        // all-ones map (= real pixels / kernel² per window) turns that into sum / real pixels, PyTorch's
        // count_include_pad=False.
        Shape s = x.getShape();
        NDArray coverage = pool(x.getManager().ones(new Shape(1, 1, s.get(2), s.get(3)), x.getDataType()));
        return new NDList(pooled.div(coverage));
    }

    /** Stride-1 "same" pools run as a window mean (see {@link DirectForward#windowMean}). */
    @Override
    public NDArray forwardDirect(DirectForward f, NDArray x) {
        if (padding == 0) {
            return pool(x);
        }
        if (stride == 1 && 2 * padding == kernel - 1) {
            return f.windowMean(x, kernel);
        }
        return forwardInternal(null, new NDList(x), f.training(), null).singletonOrThrow();
    }

    private NDArray pool(NDArray x) {
        return x.getNDArrayInternal().avgPool(new Shape(kernel, kernel), new Shape(stride, stride),
                new Shape(padding, padding), false, false);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Pooling.outputShape(inputShapes[0], kernel, stride, padding)};
    }

    @Override
    public String toString() {
        return "AvgPool(k=" + kernel + ", s=" + stride + ", p=" + padding + ", count_include_pad=false)";
    }
}
