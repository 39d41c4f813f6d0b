package dev.zennas.proxy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.zennas.blocks.Head;
import java.util.OptionalDouble;

/**
 * A user's own DJL block as a proxy target (ZenNAS issue #25). The block is the feature extractor; if it outputs a
 * 4-D map [N, C, H, W], proxies that need logits append a GAP + Linear {@link Head} of {@code numClasses}; a 2-D
 * output is taken as the logits themselves.
 *
 * <p>Scoring re-initialises the block's parameters in place (as the official proxies re-initialise the model).
 * An uninitialised block is initialised in a manager owned by this target; {@link #close()} frees it.
 * NASWOT needs the block's ReLUs to be {@link dev.zennas.blocks.Relu}; the Zen-Score's BN term needs BN layers
 * with a {@code runningVar} parameter ({@link dev.zennas.blocks.BatchNorm2d} or DJL's {@code BatchNorm}).
 */
public final class BlockTarget implements ProxyTarget, AutoCloseable {

    private final String id;
    private final Block block;
    private final int channels;
    private final int resolution;
    private final int numClasses;
    private final NDManager manager = NDManager.newBaseManager();
    private Block head;
    private boolean headResolved;

    public BlockTarget(String id, Block block, int channels, int resolution, int numClasses) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a block target needs a non-empty id");
        }
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
        if (channels <= 0 || resolution <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("channels, resolution and numClasses must be positive");
        }
        this.id = id;
        this.block = block;
        this.channels = channels;
        this.resolution = resolution;
        this.numClasses = numClasses;
    }

    @Override public String id() { return id; }
    @Override public int inputChannels() { return channels; }
    @Override public int resolution() { return resolution; }
    @Override public int numClasses() { return numClasses; }

    @Override
    public synchronized ProxyNetwork build(NDManager evalManager, ProxySettings settings) {
        int r = settings.resolutionFor(this);
        Shape one = new Shape(1, channels, r, r);
        // Initialise in our own long-lived manager: the per-evaluation manager closes after each repeat.
        NetInit.prepare(block, manager, firstDataType(), one);
        if (!headResolved) {
            Shape out = block.getOutputShapes(new Shape[] {one})[0];
            if (out.dimension() == 4) {
                head = new Head((int) out.get(1), numClasses);
                NetInit.prepare(head, manager, DataType.FLOAT32, out);
            } else if (out.dimension() != 2) {
                throw new ProxyException("block " + id + " outputs " + out + "; expected [N,C,H,W] or [N,classes]");
            }
            headResolved = true;
        }
        return new ProxyNetwork(block, head);
    }

    private DataType firstDataType() {
        for (var p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.isInitialized()) {
                return param.getArray().getDataType();
            }
        }
        return DataType.FLOAT32;
    }

    /** Tensor parameter count (running statistics excluded): the closest generic analogue of the code rule. */
    @Override
    public OptionalDouble analyticParams() {
        long n = 0;
        for (var p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.getType() == Parameter.Type.RUNNING_MEAN || param.getType() == Parameter.Type.RUNNING_VAR) {
                continue;
            }
            Shape s = param.getShape();
            if (s == null && param.isInitialized()) {
                s = param.getArray().getShape();
            }
            if (s == null) {
                return OptionalDouble.empty();
            }
            n += s.size();
        }
        return OptionalDouble.of(n);
    }

    /** Unknown for an arbitrary block. */
    @Override
    public OptionalDouble analyticFlops() {
        return OptionalDouble.empty();
    }

    @Override
    public void close() {
        manager.close();
    }
}
