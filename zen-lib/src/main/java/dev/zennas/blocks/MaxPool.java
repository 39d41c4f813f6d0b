package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Max pooling with a square window (PlainNet {@code MaxPool}; the torchvision ResNet stem's 3×3/2, padding 1). */
public final class MaxPool extends AbstractBlock {

    private final int kernel;
    private final int stride;
    private final int padding;

    public MaxPool(int kernel, int stride, int padding) {
        super((byte) 1);
        if (kernel <= 0 || stride <= 0 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("MaxPool needs kernel, stride > 0 and 0 <= padding <= kernel/2, got k="
                    + kernel + " s=" + stride + " p=" + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    /** Raw forward. */
    public NDArray apply(NDArray x) {
        return x.getNDArrayInternal().maxPool(new Shape(kernel, kernel), new Shape(stride, stride),
                new Shape(padding, padding), false);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Pooling.outputShape(inputShapes[0], kernel, stride, padding)};
    }

    @Override
    public String toString() {
        return "MaxPool(k=" + kernel + ", s=" + stride + ", p=" + padding + ")";
    }
}
