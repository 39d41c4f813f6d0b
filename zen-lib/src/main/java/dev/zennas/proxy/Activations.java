package dev.zennas.proxy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.zennas.blocks.Residual;

/** Analytic estimate of the activation memory of one forward pass (every intermediate kept until the end). */
public final class Activations {
    private Activations() {
    }

    /** Sum of the output sizes (elements) of every leaf block for {@code input}. */
    public static long elements(Block block, Shape input) {
        long[] total = {0};
        walk(block, input, total);
        return total[0];
    }

    private static Shape walk(Block block, Shape input, long[] total) {
        if (block instanceof SequentialBlock seq) {
            Shape s = input;
            for (var child : seq.getChildren()) {
                s = walk(child.getValue(), s, total);
            }
            return s;
        }
        if (block instanceof Residual res) {
            Shape out = walk(res.inner(), input, total);
            if (res.shortcut() != null) {
                walk(res.shortcut(), input, total);
            }
            total[0] += out.size();
            return out;
        }
        Shape out = block.getOutputShapes(new Shape[] {input})[0];
        total[0] += out.size();
        return out;
    }
}
