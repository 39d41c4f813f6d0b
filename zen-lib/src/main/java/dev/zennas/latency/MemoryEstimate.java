package dev.zennas.latency;

import dev.zennas.arch.Counts;
import dev.zennas.arch.Expansion;
import dev.zennas.arch.Layer;
import dev.zennas.arch.Structure;
import java.util.List;

/**
 * Memory an eval-mode forward needs, estimated before anything is allocated so that a network too large at the batch
 * is refused with a message instead of crashing the JVM in native code. The direct forward frees each intermediate
 * once consumed, so at most a residual unit's input, two of its inner activations and its shortcut are alive at
 * once: four of the largest activation is a safe bound. Weights are added as they are.
 */
public final class MemoryEstimate {
    private MemoryEstimate() {}

    /** Estimated bytes (FP32) of activations at {@code batch} plus all weights. */
    public static long bytes(Structure s, int resolution, int batch, int numClasses, boolean se) {
        long largest = (long) s.inChannels() * resolution * resolution;
        int side = resolution;
        List<Layer> layers = Expansion.of(s, true, se);
        for (Layer l : layers) {
            int[] state = {side};
            largest = Math.max(largest, largest(l, state));
            side = state[0];
        }
        long params = Counts.of(s, resolution, numClasses, se).params();
        return 4L * (4L * largest * batch + params);
    }

    private static long largest(Layer l, int[] side) {
        if (l instanceof Layer.Conv c) {
            side[0] = (side[0] + c.stride() - 1) / c.stride();
            return (long) c.out() * side[0] * side[0];
        }
        if (l instanceof Layer.Projection p) {
            side[0] = (side[0] + p.stride() - 1) / p.stride();
            return (long) p.out() * side[0] * side[0];
        }
        if (l instanceof Layer.Residual r) {
            long max = 0;
            for (Layer inner : r.inner()) max = Math.max(max, largest(inner, side));
            return max;
        }
        return 0;
    }
}
