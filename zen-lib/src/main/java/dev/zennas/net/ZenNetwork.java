package dev.zennas.net;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.ndarray.types.Shape;
import dev.zennas.arch.Structure;
import dev.zennas.blocks.Head;

/**
 * A MasterNet built from a structure (conventions §3.5): {@code features} runs every super block (stem … final 1×1 conv
 * block with its BN and ReLU) and yields the pre-GAP feature map; {@code head} is GAP + flatten + Linear.
 * {@link #block()} is the whole network, features then head.
 */
public final class ZenNetwork {

    private final Structure structure;
    private final ZenNetBuilder.Options options;
    private final SequentialBlock features;
    private final Head head;
    private final SequentialBlock whole;

    ZenNetwork(Structure structure, ZenNetBuilder.Options options, SequentialBlock features, Head head) {
        this.structure = structure;
        this.options = options;
        this.features = features;
        this.head = head;
        this.whole = new SequentialBlock().add(features).add(head);
    }

    public Structure structure() { return structure; }
    public ZenNetBuilder.Options options() { return options; }
    /** Pre-GAP feature extractor. */
    public SequentialBlock features() { return features; }
    /** GAP + flatten + Linear(C_last → classes, bias). */
    public Head head() { return head; }
    /** The whole network (features → head). */
    public Block block() { return whole; }

    /** Input shape at batch {@code batch}: [batch, in_channels, R, R]. */
    public Shape inputShape(int batch) {
        return new Shape(batch, structure.inChannels(), options.resolution(), options.resolution());
    }

    /** Shape of the pre-GAP feature map at batch {@code batch} (analytic). */
    public Shape featureShape(int batch) {
        return features.getOutputShapes(new Shape[] {inputShape(batch)})[0];
    }
}
