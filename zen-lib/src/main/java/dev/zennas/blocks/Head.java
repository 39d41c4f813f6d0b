package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * MasterNet's classifier (conventions §3.5): global average pool → flatten → Linear(C → classes) with bias.
 * Parameters {@code weight} (classes × C) and {@code bias} (classes).
 */
public final class Head extends AbstractBlock {

    private final int channels;
    private final int classes;
    private final Parameter weight;
    private final Parameter bias;

    public Head(int channels, int classes) {
        super((byte) 1);
        if (channels <= 0 || classes <= 0) {
            throw new IllegalArgumentException("Head needs channels > 0 and classes > 0, got " + channels + ", " + classes);
        }
        this.channels = channels;
        this.classes = classes;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, channels)).optInitializer(new FanInUniformInitializer(channels)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(classes)).optInitializer(new FanInUniformInitializer(channels)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray pooled = x.getShape().dimension() == 4
                ? x.getNDArrayInternal().globalAvgPool().reshape(x.getShape().get(0), channels) : x;
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return pooled.getNDArrayInternal().linear(pooled, w, b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        if (s.get(1) != channels) {
            throw new IllegalArgumentException("Head(" + channels + ") expects [N," + channels + ",...], got " + s);
        }
        return new Shape[] {new Shape(s.get(0), classes)};
    }

    public int channels() { return channels; }
    public int classes() { return classes; }
    public Parameter weight() { return weight; }
    public Parameter bias() { return bias; }

    @Override
    public String toString() {
        return "Head(" + channels + "->" + classes + ")";
    }
}
