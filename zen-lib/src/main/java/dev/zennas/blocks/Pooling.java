package dev.zennas.blocks;

import ai.djl.ndarray.types.Shape;

/** Output-shape arithmetic shared by the pooling blocks (floor mode, symmetric zero padding). */
public final class Pooling {
    private Pooling() {}

    /** Shape of an NCHW tensor after a k×k pool with the given stride and padding. */
    public static Shape outputShape(Shape nchw, int kernel, int stride, int padding) {
        return new Shape(nchw.get(0), nchw.get(1), side(nchw.get(2), kernel, stride, padding),
                side(nchw.get(3), kernel, stride, padding));
    }

    private static long side(long size, int kernel, int stride, int padding) {
        return (size + 2L * padding - kernel) / stride + 1;
    }
}
