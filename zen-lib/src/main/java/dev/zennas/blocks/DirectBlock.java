package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;

/**
 * A block with a graph inside (a residual unit, a NAS-Bench-201 cell) that can run itself through
 * {@link DirectForward}: raw arrays, intermediates closed eagerly, BN statistics routed by the forward.
 */
public interface DirectBlock {

    /**
     * Runs this block on {@code x} in {@code f}'s mode, calling {@link DirectForward#run} for children. Must not close
     * {@code x}; returns a new array or {@code x} itself.
     */
    NDArray forwardDirect(DirectForward f, NDArray x);

    /** Whether the children can run directly too (default: all children are supported). */
    default boolean supportsDirect() {
        if (this instanceof ai.djl.nn.Block b) {
            for (var child : b.getChildren()) {
                if (!DirectForward.supports(child.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
