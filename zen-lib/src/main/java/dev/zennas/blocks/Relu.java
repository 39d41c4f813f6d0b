package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ReLU, the equivalent of PlainNet's functional {@code RELU} block. Before applying the activation it hands its
 * input to the thread's {@link ActivationProbe}, if one is installed (NASWOT hooks the ReLU <em>input</em>).
 */
public final class Relu extends AbstractBlock {

    static final ThreadLocal<ActivationProbe> PROBE = new ThreadLocal<>();

    public Relu() {
        super((byte) 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    /** Raw forward: probe (if any), then relu. */
    public static NDArray apply(NDArray x) {
        ActivationProbe probe = PROBE.get();
        if (probe != null) {
            probe.onReluInput(x);
        }
        return x.getNDArrayInternal().relu();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "Relu()";
    }
}
