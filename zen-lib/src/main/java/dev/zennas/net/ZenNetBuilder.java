package dev.zennas.net;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.zennas.arch.Expansion;
import dev.zennas.arch.Layer;
import dev.zennas.arch.Structure;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.Conv;
import dev.zennas.blocks.Head;
import dev.zennas.blocks.Relu;
import dev.zennas.blocks.Residual;
import dev.zennas.blocks.SqueezeExcite;
import java.util.List;

/**
 * Builds DJL networks for Zen-NAS structures from the single layer expansion of {@link Expansion} (conventions §3.3/§3.4).
 *
 * <p>Every block has analytic output shapes and parameter shapes fixed at construction, so
 * {@code block.initialize(manager, FLOAT32, shape at batch 1)} runs no forward (conventions, engineering notes §8.5).
 */
public final class ZenNetBuilder {

    /**
     * @param resolution  input side length (32 CIFAR, 224 ImageNet)
     * @param numClasses  FC outputs
     * @param se          squeeze-and-excitation in the residual branches (deployed FLOPs nets)
     * @param residual    residual links and projections (false = the no-residual network every proxy scores)
     * @param bnEps       BN eps (MasterNet: 1e-3)
     * @param bnMomentum  BN momentum, <b>PyTorch convention</b> (0.1 search/proxies, 0.01 training)
     */
    public record Options(int resolution, int numClasses, boolean se, boolean residual, double bnEps,
                          double bnMomentum) {
        public Options {
            if (resolution <= 0 || numClasses <= 0) {
                throw new IllegalArgumentException("resolution and numClasses must be positive, got " + resolution
                        + ", " + numClasses);
            }
            if (!(bnEps > 0) || !(bnMomentum > 0 && bnMomentum <= 1)) {
                throw new IllegalArgumentException("bnEps must be > 0 and bnMomentum in (0,1] (PyTorch convention)");
            }
        }

        /** The network the proxies score: no residual links, no SE, eps 1e-3, momentum 0.1. */
        public static Options proxy(int resolution, int numClasses) {
            return new Options(resolution, numClasses, false, false, BatchNorm2d.ZEN_EPS, BatchNorm2d.SEARCH_MOMENTUM);
        }

        /** The deployed network for training: residual links, optional SE, eps 1e-3, momentum 0.01. */
        public static Options training(int resolution, int numClasses, boolean se) {
            return new Options(resolution, numClasses, se, true, BatchNorm2d.ZEN_EPS, BatchNorm2d.TRAIN_MOMENTUM);
        }

        public Options withResidual(boolean v) {
            return new Options(resolution, numClasses, se, v, bnEps, bnMomentum);
        }

        public Options withSe(boolean v) {
            return new Options(resolution, numClasses, v, residual, bnEps, bnMomentum);
        }

        public Options withBnMomentum(double v) {
            return new Options(resolution, numClasses, se, residual, bnEps, v);
        }
    }

    private ZenNetBuilder() {
    }

    /** Builds the network (uninitialised; initialise at batch 1). */
    public static ZenNetwork build(Structure structure, Options options) {
        List<Layer> layers = Expansion.of(structure, options.residual(), options.se());
        SequentialBlock features = new SequentialBlock();
        for (Layer layer : layers) {
            features.add(block(layer, options));
        }
        Head head = new Head(structure.outChannels(), options.numClasses());
        return new ZenNetwork(structure, options, features, head);
    }

    /** The proxy network (no residual, no SE, eps 1e-3, momentum 0.1). */
    public static ZenNetwork proxyNetwork(Structure structure, int resolution, int numClasses) {
        return build(structure, Options.proxy(resolution, numClasses));
    }

    private static Block block(Layer layer, Options o) {
        if (layer instanceof Layer.Conv c) {
            return new Conv(c.in(), c.out(), c.kernel(), c.stride(), c.groups(), false);
        }
        if (layer instanceof Layer.BatchNorm b) {
            return new BatchNorm2d(b.channels(), o.bnEps(), o.bnMomentum());
        }
        if (layer instanceof Layer.Relu) {
            return new Relu();
        }
        if (layer instanceof Layer.SqueezeExcite se) {
            return new SqueezeExcite(se.channels(), o.bnEps(), o.bnMomentum());
        }
        if (layer instanceof Layer.Residual r) {
            SequentialBlock inner = new SequentialBlock();
            for (Layer l : r.inner()) {
                inner.add(block(l, o));
            }
            Block shortcut = r.shortcut() == null ? null
                    : Residual.projection(r.shortcut().in(), r.shortcut().out(), r.shortcut().stride(), o.bnEps(),
                            o.bnMomentum());
            return new Residual(inner, shortcut);
        }
        if (layer instanceof Layer.Projection p) {
            return Residual.projection(p.in(), p.out(), p.stride(), o.bnEps(), o.bnMomentum());
        }
        throw new IllegalArgumentException("unsupported layer " + layer);
    }
}
