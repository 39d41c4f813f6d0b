package dev.zennas.latency;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.zennas.arch.Structure;
import dev.zennas.blocks.DirectForward;
import dev.zennas.blocks.Head;
import dev.zennas.net.ZenNetBuilder;
import dev.zennas.net.ZenNetwork;

/**
 * A deployed network ready for timed inference: built with residual links (and SE when asked), parameters
 * initialised in {@code manager} at a batch-1 shape, run through {@link DirectForward} in eval mode (the fastest
 * path we have: raw libtorch ops, intermediates freed as soon as they are consumed, no Block API bookkeeping).
 */
public final class InferenceNet {
    private final ZenNetwork net;
    private final DirectForward[] forwards = new DirectForward[2];

    public InferenceNet(Structure structure, int resolution, int numClasses, boolean se, NDManager manager) {
        if (resolution % structure.downsampling() != 0) {
            throw new IllegalArgumentException("resolution " + resolution + " is not divisible by the structure's"
                    + " down-sampling factor " + structure.downsampling());
        }
        net = ZenNetBuilder.build(structure, ZenNetBuilder.Options.training(resolution, numClasses, se));
        net.block().initialize(manager, DataType.FLOAT32, net.inputShape(1));
        if (!DirectForward.supports(net.features())) {
            throw new IllegalStateException("the deployed network has a block the direct forward cannot run");
        }
        forwards[0] = new DirectForward(net.features(), false, null, false);
        forwards[1] = new DirectForward(net.features(), false, null, true);
    }

    public ZenNetwork network() {
        return net;
    }

    /** Random N(0,1) images at {@code batch}, stored in {@code layout} (never AUTO). */
    public NDArray input(NDManager manager, int batch, MemoryLayout layout) {
        Shape s = net.inputShape(batch);
        if (layout == MemoryLayout.CHANNELS_LAST) {
            return manager.randomNormal(new Shape(s.get(0), s.get(2), s.get(3), s.get(1))).transpose(0, 3, 1, 2);
        }
        return manager.randomNormal(s);
    }

    /**
     * Logits for {@code x} (eval mode). Never closes {@code x}; every intermediate is closed, so the caller owns
     * only the returned array.
     */
    public NDArray forward(NDArray x, MemoryLayout layout) {
        DirectForward f = forwards[layout == MemoryLayout.CHANNELS_LAST ? 1 : 0];
        NDArray features = f.run(net.features(), x);
        Head head = net.head();
        NDArray gap = features.getNDArrayInternal().globalAvgPool();
        if (features != x) features.close();
        NDArray pooled = gap.reshape(gap.getShape().get(0), head.channels());
        gap.close();
        NDArray logits = pooled.getNDArrayInternal()
                .linear(pooled, head.weight().getArray(), head.bias().getArray()).singletonOrThrow();
        pooled.close();
        return logits;
    }
}
