package dev.zennas.nasbench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.Conv;
import dev.zennas.blocks.Head;
import dev.zennas.blocks.Relu;
import dev.zennas.blocks.Residual;

/**
 * Builds NAS-Bench-201 and NATS-SSS networks as DJL blocks, exactly as the benchmark code does
 * (conventions, NAS-Bench §1–§3):
 * <ul>
 *   <li>stem Conv3×3 (no bias) → BN, <b>no ReLU</b>;</li>
 *   <li>cell edges: ReLU → Conv (no bias) → BN for the conv ops, identity, {@code count_include_pad=False}
 *       3×3 average pool, a real zero op; a skip with a width change is Conv1×1 → BN (no ReLU);</li>
 *   <li>ResBlock: ReLUConvBN(stride 2) → ReLUConvBN, shortcut AvgPool2×2 → Conv1×1 without BN, no ReLU after the
 *       add;</li>
 *   <li>features end with the head's BN → ReLU (the pre-GAP map the Zen-Score uses); the head is GAP → Linear
 *       with bias.</li>
 * </ul>
 * Every BN is PyTorch's default: eps 1e-5, momentum 0.1 (NB201/NATS nets keep eps 1e-5, unlike ZenNAS's 1e-3).
 * Blocks know their shapes analytically, so {@link #initialize} runs no forward pass.
 */
public final class BenchmarkNetworks {
    /** PyTorch BatchNorm2d default eps, kept by the benchmark networks. */
    public static final double BN_EPS = 1e-5;
    /** PyTorch BatchNorm2d default momentum (weight of the new batch statistic). */
    public static final double BN_MOMENTUM = 0.1;

    private BenchmarkNetworks() {
    }

    /**
     * A built network: {@code features} maps [N,3,R,R] images to the post-ReLU pre-GAP map, {@code head} maps that
     * map to logits.
     */
    public record Network(SequentialBlock features, Head head, MacroSpec spec, int numClasses) {
        /** features followed by head, sharing their parameters. */
        public SequentialBlock full() {
            return new SequentialBlock().add(features).add(head);
        }

        /** Exact trainable parameter count (conv weights, BN γ/β, classifier weight and bias). */
        public long parameterCount() {
            return countParameters(features) + countParameters(head);
        }
    }

    /** The NB201 network of {@code cell} for {@code dataset}. */
    public static Network nb201(Nb201Cell cell, BenchmarkDataset dataset) {
        return build(MacroSpec.nb201(cell), dataset.numClasses());
    }

    /** The NATS-SSS network of {@code arch} for {@code dataset}. */
    public static Network natsSss(NatsSssArch arch, BenchmarkDataset dataset) {
        return build(MacroSpec.natsSss(arch), dataset.numClasses());
    }

    /** Builds (without initialising) the network described by {@code spec}. */
    public static Network build(MacroSpec spec, int numClasses) {
        return build(spec, numClasses, true);
    }

    /**
     * Builds the network described by {@code spec}; with {@code batchNorm = false} every BN layer is replaced by
     * the identity — the {@code bn=False} copy on which NASLib / Abdelfattah et al. compute SynFlow.
     */
    public static Network build(MacroSpec spec, int numClasses, boolean batchNorm) {
        SequentialBlock features = new SequentialBlock();
        features.add(new SequentialBlock().add(Conv.of(3, spec.stemChannels(), 3, 1))
                .add(bn(spec.stemChannels(), batchNorm)));
        for (MacroSpec.Layer layer : spec.layers()) {
            if (layer.kind() == MacroSpec.Kind.CELL) {
                features.add(new Nb201CellBlock(spec.genotype(), layer.in(), layer.out(),
                        (op, in, out) -> edge(op, in, out, batchNorm)));
            } else {
                features.add(resBlock(layer.in(), layer.out(), batchNorm));
            }
        }
        int c = spec.headChannels();
        features.add(bn(c, batchNorm)).add(new Relu());
        return new Network(features, new Head(c, numClasses), spec, numClasses);
    }

    /**
     * Allocates the parameters of {@code network} in {@code manager} for inputs of {@code resolution} (batch 1
     * shapes: no tensor op runs). Values come from each parameter's initializer; proxies overwrite them.
     */
    public static void initialize(Network network, NDManager manager, int resolution) {
        Shape input = new Shape(1, 3, resolution, resolution);
        network.features().initialize(manager, DataType.FLOAT32, input);
        network.head().initialize(manager, DataType.FLOAT32, network.features().getOutputShapes(new Shape[] {input}));
    }

    /** Trainable parameters of {@code block} (running statistics excluded); the block must be initialised. */
    public static long countParameters(Block block) {
        long n = 0;
        for (var pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
                continue;
            }
            if (p.getShape() == null) {
                throw new IllegalStateException("parameter " + pair.getKey() + " has no shape; initialise first");
            }
            n += p.getShape().size();
        }
        return n;
    }

    /** A BN layer, or the identity when BN is switched off. */
    static Block bn(int channels, boolean batchNorm) {
        return batchNorm ? new BatchNorm2d(channels, BN_EPS, BN_MOMENTUM) : new Identity();
    }

    /** ReLU → Conv k×k (no bias, padding k/2) → BN. */
    static SequentialBlock reluConvBn(int in, int out, int kernel, int stride, boolean batchNorm) {
        return new SequentialBlock().add(new Relu()).add(new Conv(in, out, kernel, stride, 1, false, kernel / 2))
                .add(bn(out, batchNorm));
    }

    static Block edge(Nb201Op op, int in, int out) {
        return edge(op, in, out, true);
    }

    static Block edge(Nb201Op op, int in, int out, boolean batchNorm) {
        return switch (op) {
            case NONE -> new ZeroOp(in, out);
            case SKIP_CONNECT -> in == out ? new Identity()
                    : new SequentialBlock().add(new Conv(in, out, 1, 1, 1, false, 0)).add(bn(out, batchNorm));
            case NOR_CONV_1X1 -> reluConvBn(in, out, 1, 1, batchNorm);
            case NOR_CONV_3X3 -> reluConvBn(in, out, 3, 1, batchNorm);
            case AVG_POOL_3X3 -> in == out ? AvgPool.cellPool()
                    : new SequentialBlock().add(reluConvBn(in, out, 1, 1, batchNorm)).add(AvgPool.cellPool());
        };
    }

    static Residual resBlock(int in, int out, boolean batchNorm) {
        SequentialBlock main = new SequentialBlock().add(reluConvBn(in, out, 3, 2, batchNorm))
                .add(reluConvBn(out, out, 3, 1, batchNorm));
        SequentialBlock shortcut = new SequentialBlock().add(new AvgPool(2, 2, 0))
                .add(new Conv(in, out, 1, 1, 1, false, 0));
        return new Residual(main, shortcut);
    }
}
