package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.Conv;
import dev.zennas.blocks.MaxPool;
import dev.zennas.blocks.Relu;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward pass of a plain chain of our leaf blocks (Conv, BatchNorm2d, Relu, MaxPool — every no-residual ZenNet)
 * without the Block API, closing each intermediate as soon as the next layer has consumed it.
 *
 * <p>Why: the Zen-Score networks are memory-bound (engineering notes §10). Keeping every activation alive until the
 * evaluation's manager closes touches ~1 GB per ZenNet-1M score; freeing eagerly lets the allocator hand the same,
 * already-mapped (and partly cached) memory to the next layer. Other blocks fall back to {@link Block#forward}.
 */
final class FastForward {

    private final Block block;
    private final List<Block> chain; // null when the block is not a plain chain of our leaves

    FastForward(Block block) {
        this.block = block;
        List<Block> leaves = new ArrayList<>();
        this.chain = flatten(block, leaves) ? leaves : null;
    }

    boolean isFast() {
        return chain != null;
    }

    private static boolean flatten(Block b, List<Block> out) {
        if (b instanceof SequentialBlock seq) {
            for (var child : seq.getChildren()) {
                if (!flatten(child.getValue(), out)) {
                    return false;
                }
            }
            return true;
        }
        if (b instanceof Conv || b instanceof BatchNorm2d || b instanceof Relu || b instanceof MaxPool) {
            out.add(b);
            return true;
        }
        return false;
    }

    /** The BatchNorm2d leaves of the chain, in order (empty when not fast). */
    List<BatchNorm2d> batchNorms() {
        List<BatchNorm2d> list = new ArrayList<>();
        if (chain != null) {
            for (Block b : chain) {
                if (b instanceof BatchNorm2d bn) {
                    list.add(bn);
                }
            }
        }
        return list;
    }

    /** Train-mode (batch statistics, running stats updated in place) or eval-mode forward of {@code x}. */
    NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return forward(ps, x, training, null);
    }

    /**
     * As {@link #forward(ParameterStore, NDArray, boolean)}, but BN layer i reads and updates
     * {@code stats[i] = {runningMean, runningVar}} instead of its own parameters when {@code stats} is given
     * (fast chains only) — so that two passes can run concurrently without racing on the running statistics.
     */
    NDArray forward(ParameterStore ps, NDArray x, boolean training, NDArray[][] stats) {
        if (chain == null) {
            return block.forward(ps, new NDList(x), training).singletonOrThrow();
        }
        NDArray cur = x;
        int bnIndex = 0;
        for (Block leaf : chain) {
            NDArray next;
            if (leaf instanceof Conv c) {
                next = c.apply(cur, c.weight().getArray(), c.hasBias() ? c.bias().getArray() : null);
            } else if (leaf instanceof BatchNorm2d bn) {
                NDArray mean = stats == null ? bn.runningMean().getArray() : stats[bnIndex][0];
                NDArray var = stats == null ? bn.runningVar().getArray() : stats[bnIndex][1];
                bnIndex++;
                next = bn.apply(cur, mean, var, bn.gamma().getArray(), bn.beta().getArray(), training);
            } else if (leaf instanceof Relu) {
                next = Relu.apply(cur);
            } else {
                next = ((MaxPool) leaf).apply(cur);
            }
            if (cur != x) {
                cur.close();
            }
            cur = next;
        }
        return cur;
    }
}
