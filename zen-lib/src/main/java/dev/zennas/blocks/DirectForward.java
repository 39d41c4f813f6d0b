package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward pass of a tree of our blocks on raw arrays, without DJL's Block API: each intermediate is closed as
 * soon as its consumer has run, and blocks with a graph inside (residual units, NAS-Bench-201 cells) run through
 * {@link DirectBlock}.
 *
 * <p>Why: the Zen-Score networks are memory-bound (conventions, engineering notes §10). Keeping every activation alive until the
 * evaluation's manager closes touches ~1 GB per ZenNet-1M score; freeing eagerly lets the allocator hand the same,
 * already-mapped (and partly cached) memory to the next layer.
 *
 * <p>Ownership rule: {@link #run} never closes its input; it returns either a new array (the caller owns it) or the
 * input itself (identity-like blocks) — callers compare with {@code ==} before closing.
 *
 * <p>BN layers may read and update external running statistics ({@code stats[i] = {mean, var}}, indexed by the
 * layer's position in {@link #batchNorms} order) so that two passes can run concurrently without racing.
 */
public final class DirectForward {

    private final boolean training;
    private final Map<BatchNorm2d, Integer> bnIndex;
    private final NDArray[][] stats;
    private final NDArray[][] secondHalfStats;
    private final boolean channelsLast;
    private final Map<String, NDArray[]> poolCache = new HashMap<>();
    private final double momentumOverride;

    /**
     * @param root the block tree (used to index its BN layers when {@code stats} is given)
     * @param training train mode (batch statistics, running stats updated in place)
     * @param stats external running statistics per BN layer of {@code root}, or null to use the layers' own
     * @param channelsLast whether inputs are channels-last views (then arrays this class creates are too)
     */
    public DirectForward(Block root, boolean training, NDArray[][] stats, boolean channelsLast) {
        this(root, training, stats, channelsLast, Double.NaN);
    }

    /**
     * As above, with every BN layer's momentum (PyTorch convention) replaced by {@code momentumOverride} unless it is
     * NaN. Momentum 1 turns the running statistics into the batch's own (how BN statistics are re-estimated).
     */
    public DirectForward(Block root, boolean training, NDArray[][] stats, boolean channelsLast,
                         double momentumOverride) {
        this(root, training, stats, null, channelsLast, momentumOverride);
    }

    /**
     * As above, for a batch that is two batches joined ([first; second], equal halves): every BN layer normalises
     * each half with that half's own batch statistics, the first half reading and updating {@code stats} (or the
     * layers' own running statistics when null), the second {@code secondHalfStats[i] = {mean, var}} — the same
     * values, up to float rounding, as two forwards of the halves, while convolutions, ReLUs, adds and pools run
     * once on the joined batch.
     */
    public DirectForward(Block root, boolean training, NDArray[][] stats, NDArray[][] secondHalfStats,
                         boolean channelsLast, double momentumOverride) {
        this.momentumOverride = momentumOverride;
        this.secondHalfStats = secondHalfStats;
        this.training = training;
        this.channelsLast = channelsLast;
        this.stats = stats;
        this.bnIndex = new IdentityHashMap<>();
        if (stats != null || secondHalfStats != null) {
            List<BatchNorm2d> bns = batchNorms(root);
            for (NDArray[][] given : new NDArray[][][] {stats, secondHalfStats}) {
                if (given != null && bns.size() != given.length) {
                    throw new IllegalArgumentException("stats for " + given.length + " BN layers, the block has "
                            + bns.size());
                }
            }
            for (int i = 0; i < bns.size(); i++) {
                bnIndex.put(bns.get(i), i);
            }
        }
    }

    /** Whether every block of the tree can run directly. */
    public static boolean supports(Block b) {
        if (b instanceof SequentialBlock seq) {
            for (var child : seq.getChildren()) {
                if (!supports(child.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (b instanceof DirectBlock d) {
            return d.supportsDirect();
        }
        return b instanceof Conv || b instanceof BatchNorm2d || b instanceof Relu || b instanceof MaxPool;
    }

    /** The BatchNorm2d layers of a block tree in depth-first child order (the order of {@code BnLayers}). */
    public static List<BatchNorm2d> batchNorms(Block root) {
        List<BatchNorm2d> list = new ArrayList<>();
        collect(root, list);
        return list;
    }

    private static void collect(Block b, List<BatchNorm2d> out) {
        if (b instanceof BatchNorm2d bn) {
            out.add(bn);
            return;
        }
        for (var child : b.getChildren()) {
            collect(child.getValue(), out);
        }
    }

    /** Runs {@code b} on {@code x}; see the ownership rule above. */
    public NDArray run(Block b, NDArray x) {
        if (b instanceof SequentialBlock seq) {
            return runChain(seq, 0, x);
        }
        if (b instanceof Conv c) {
            return c.apply(x, c.weight().getArray(), c.hasBias() ? c.bias().getArray() : null);
        }
        if (b instanceof BatchNorm2d bn) {
            return batchNorm(bn, x);
        }
        if (b instanceof Relu) {
            return Relu.apply(x);
        }
        if (b instanceof MaxPool mp) {
            return mp.apply(x);
        }
        if (b instanceof DirectBlock d) {
            return d.forwardDirect(this, x);
        }
        // not reached for trees accepted by supports(); kept as a safe fallback
        return b.forward(new ai.djl.training.ParameterStore(x.getManager(), false), new NDList(x), training)
                .singletonOrThrow();
    }

    /** Runs the children {@code from..end} of {@code seq} on {@code x}, closing intermediates eagerly. */
    public NDArray runChain(SequentialBlock seq, int from, NDArray x) {
        NDArray cur = x;
        var children = seq.getChildren();
        for (int i = from; i < children.size(); i++) {
            NDArray next = run(children.get(i).getValue(), cur);
            if (cur != x && next != cur) {
                cur.close();
            }
            cur = next;
        }
        return cur;
    }

    private NDArray batchNorm(BatchNorm2d bn, NDArray x) {
        Integer i = bnIndex.get(bn);
        NDArray mean = stats == null ? bn.runningMean().getArray() : stats[i][0];
        NDArray var = stats == null ? bn.runningVar().getArray() : stats[i][1];
        double momentum = Double.isNaN(momentumOverride) ? bn.momentum() : momentumOverride;
        NDArray gamma = bn.gamma().getArray();
        NDArray beta = bn.beta().getArray();
        if (secondHalfStats == null) {
            return bn.apply(x, mean, var, gamma, beta, training, momentum);
        }
        // the halves are views (contiguous in NCHW and channels-last alike: the batch is the outermost axis); their
        // normalised outputs are joined by one copy
        NDList halves = x.split(2);
        try (NDArray first = bn.apply(halves.get(0), mean, var, gamma, beta, training, momentum);
             NDArray second = bn.apply(halves.get(1), secondHalfStats[i][0], secondHalfStats[i][1], gamma, beta,
                     training, momentum)) {
            return first.concat(second);
        } finally {
            halves.close();
        }
    }

    public boolean training() {
        return training;
    }

    /**
     * Zeros shaped like {@code like} but with {@code channels} channels, in the same memory layout (channels-last
     * inputs keep the whole network channels-last).
     */
    public NDArray zeros(NDArray like, long channels) {
        Shape s = like.getShape();
        if (s.get(1) == channels) {
            return like.zerosLike();
        }
        NDManager m = like.getManager();
        if (channelsLast) {
            return m.zeros(new Shape(s.get(0), s.get(2), s.get(3), channels), like.getDataType()).transpose(0, 3, 1, 2);
        }
        return m.zeros(new Shape(s.get(0), channels, s.get(2), s.get(3)), like.getDataType());
    }

    /**
     * Average pooling (stride 1, padding {@code k/2}) with PyTorch's {@code count_include_pad = False}: a depthwise
     * k×k convolution of ones (the window sums) times the reciprocal of each window's real pixel count. Equal to the
     * pooling op up to float rounding (≤ 2 ulp), and 3–5× faster than libtorch's avg-pool kernel on these shapes.
     */
    public NDArray windowMean(NDArray x, int kernel) {
        Shape s = x.getShape();
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        String key = c + "/" + kernel + "/" + h + "x" + w + "/" + x.getDataType();
        NDArray[] cached = poolCache.get(key);
        if (cached == null) {
            NDManager m = x.getManager();
            NDArray ones = m.ones(new Shape(c, 1, kernel, kernel), x.getDataType());
            try (NDManager scratch = m.newSubManager()) {
                NDArray image = scratch.ones(new Shape(1, 1, h, w), x.getDataType());
                NDArray window = scratch.ones(new Shape(1, 1, kernel, kernel), x.getDataType());
                NDArray count = image.getNDArrayInternal().convolution(image, window, null, new Shape(1, 1),
                        new Shape(kernel / 2, kernel / 2), new Shape(1, 1), 1).singletonOrThrow();
                NDArray reciprocal = count.onesLike().divi(count);
                reciprocal.attach(m);
                cached = new NDArray[] {ones, reciprocal};
            }
            poolCache.put(key, cached);
        }
        NDArray sums = x.getNDArrayInternal().convolution(x, cached[0], null, new Shape(1, 1),
                new Shape(kernel / 2, kernel / 2), new Shape(1, 1), (int) c).singletonOrThrow();
        return sums.muli(cached[1]);
    }

    /** Frees the cached pooling helpers (also freed with their manager). */
    public void closeCaches() {
        for (NDArray[] a : poolCache.values()) {
            for (NDArray x : a) {
                x.close();
            }
        }
        poolCache.clear();
    }
}
