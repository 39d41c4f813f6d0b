package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.DirectForward;
import java.util.List;

/**
 * Forward pass of a network of our blocks through {@link DirectForward} (raw arrays, intermediates closed eagerly,
 * residual units and NAS-Bench-201 cells included); other blocks fall back to {@link Block#forward}.
 */
final class FastForward {

    private final Block block;
    private final boolean fast;

    FastForward(Block block) {
        this(block, true);
    }

    /** {@code direct} false forces the Block API (the reference path; used by tests and benchmarks). */
    FastForward(Block block, boolean direct) {
        this.block = block;
        this.fast = direct && DirectForward.supports(block);
    }

    boolean isFast() {
        return fast;
    }

    /** The BatchNorm2d layers, in depth-first order (empty when not fast). */
    List<BatchNorm2d> batchNorms() {
        return fast ? DirectForward.batchNorms(block) : List.of();
    }

    /** Train-mode (batch statistics, running stats updated in place) or eval-mode forward of {@code x}. */
    NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return forward(ps, x, training, null, false);
    }

    /**
     * As {@link #forward(ParameterStore, NDArray, boolean)}, but BN layer i reads and updates
     * {@code stats[i] = {runningMean, runningVar}} instead of its own parameters when {@code stats} is given
     * (fast networks only) — so that two passes can run concurrently without racing on the running statistics.
     * {@code channelsLast} says that {@code x} is a channels-last view (arrays made inside follow it).
     */
    NDArray forward(ParameterStore ps, NDArray x, boolean training, NDArray[][] stats, boolean channelsLast) {
        if (!fast) {
            return block.forward(ps, new NDList(x), training).singletonOrThrow();
        }
        DirectForward f = new DirectForward(block, training, stats, channelsLast);
        try {
            return f.run(block, x);
        } finally {
            f.closeCaches();
        }
    }
}
