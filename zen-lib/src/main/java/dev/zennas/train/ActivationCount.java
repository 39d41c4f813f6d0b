package dev.zennas.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.zennas.blocks.Residual;
import dev.zennas.net.ZenNetwork;

/** Counts the activation values one image produces in a network's forward (from analytic shapes, no forward run). */
final class ActivationCount {

    private ActivationCount() {
    }

    /** Σ of every layer's output size for one image (residual adds included). */
    static long perImage(ZenNetwork network) {
        long[] acc = {0};
        walk(network.features(), network.inputShape(1), acc);
        return acc[0];
    }

    private static Shape walk(Block b, Shape in, long[] acc) {
        if (b instanceof SequentialBlock seq) {
            Shape cur = in;
            for (var child : seq.getChildren()) {
                cur = walk(child.getValue(), cur, acc);
            }
            return cur;
        }
        if (b instanceof Residual r) {
            Shape out = walk(r.inner(), in, acc);
            if (r.shortcut() != null) {
                walk(r.shortcut(), in, acc);
            }
            acc[0] += out.size();
            return out;
        }
        Shape out = b.getOutputShapes(new Shape[] {in})[0];
        acc[0] += out.size();
        return out;
    }
}
