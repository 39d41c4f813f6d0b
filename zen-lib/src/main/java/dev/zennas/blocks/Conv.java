package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * 2-D convolution as PlainNet's {@code ConvKX}/{@code ConvDW}: square kernel, symmetric zero padding (k−1)/2,
 * stride, groups, and an optional bias (only projection shortcuts have one).
 *
 * <p>Parameters are named {@code weight} (shape out × in/groups × k × k, type WEIGHT) and {@code bias}
 * (shape out, type BIAS), and their shapes are fixed at construction so that initialisation runs no forward.
 * Default initialisation is PyTorch's (uniform ±1/√fan_in for weight and bias); proxies re-initialise anyway.
 */
public final class Conv extends AbstractBlock {

    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int groups;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    public Conv(int in, int out, int kernel, int stride, int groups, boolean bias) {
        this(in, out, kernel, stride, groups, bias, (kernel - 1) / 2);
    }

    /** Convolution with explicit padding (e.g. the 7×7/2 stem of a torchvision ResNet: padding 3). */
    public Conv(int in, int out, int kernel, int stride, int groups, boolean bias, int padding) {
        super((byte) 1);
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || groups <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv needs positive in/out/kernel/stride/groups and padding >= 0, got in="
                    + in + " out=" + out + " kernel=" + kernel + " stride=" + stride + " groups=" + groups
                    + " padding=" + padding);
        }
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv channels " + in + "->" + out + " not divisible by groups " + groups);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.groups = groups;
        this.padding = padding;
        int fanIn = in / groups * kernel * kernel;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in / groups, kernel, kernel))
                .optInitializer(new FanInUniformInitializer(fanIn))
                .build());
        this.bias = bias
                ? addParameter(Parameter.builder()
                        .setName("bias")
                        .setType(Parameter.Type.BIAS)
                        .optShape(new Shape(out))
                        .optInitializer(new FanInUniformInitializer(fanIn))
                        .build())
                : null;
    }

    /** Plain convolution without bias (PlainNet ConvKX). */
    public static Conv of(int in, int out, int kernel, int stride) {
        return new Conv(in, out, kernel, stride, 1, false);
    }

    /** Depthwise convolution without bias (PlainNet ConvDW). */
    public static Conv depthwise(int channels, int kernel, int stride) {
        return new Conv(channels, channels, kernel, stride, channels, false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        return new NDList(apply(x, w, b));
    }

    /** Raw forward with the given weight (and bias, may be null). */
    public NDArray apply(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal()
                .convolution(x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), groups)
                .singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        if (s.dimension() != 4 || s.get(1) != in) {
            throw new IllegalArgumentException("Conv(" + in + "->" + out + ") expects [N," + in + ",H,W], got " + s);
        }
        return new Shape[] {new Shape(s.get(0), out, outSize(s.get(2)), outSize(s.get(3)))};
    }

    private long outSize(long size) {
        return (size + 2L * padding - kernel) / stride + 1;
    }

    public Parameter weight() { return weight; }
    public Parameter bias() { return bias; }
    public int in() { return in; }
    public int out() { return out; }
    public int kernel() { return kernel; }
    public int stride() { return stride; }
    public int groups() { return groups; }
    public int padding() { return padding; }
    public boolean hasBias() { return bias != null; }

    @Override
    public String toString() {
        return "Conv(" + in + "->" + out + ", k=" + kernel + ", s=" + stride
                + (groups > 1 ? ", g=" + groups : "") + (bias != null ? ", bias" : "") + ")";
    }
}
