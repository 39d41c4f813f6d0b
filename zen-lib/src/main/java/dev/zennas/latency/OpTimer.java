package dev.zennas.latency;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.DirectForward;
import dev.zennas.blocks.SqueezeExcite;
import java.util.function.UnaryOperator;

/**
 * Times one {@link LayerOp} in isolation with the same raw libtorch calls the direct forward makes, in the table's
 * layout and batch: the median of {@code runs} calls after {@code warmup}, each timed with the freeing of its output
 * (the forward frees every intermediate as soon as it is consumed). Call inside {@link LatencyMeter#onThreads}.
 *
 * <p>A loop over one operation finds its weights in cache, while in a network every layer's weights have been
 * evicted by the others' by the time they are used again; {@link LatencyTable} adds that traffic as a fitted cost per
 * weight byte rather than timing every operation cold (cycling enough weight copies to defeat the caches would
 * multiply the table's build time).
 */
final class OpTimer {
    private OpTimer() {}

    static double medianMs(LayerOp op, int batch, MemoryLayout layout, Clock clock, int warmup, int runs) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = input(m, batch, op.in(), op.side(), layout);
            UnaryOperator<NDArray> f = operation(op, m, batch, layout);
            double[] t = new double[runs];
            for (int i = 0; i < warmup + runs; i++) {
                long t0 = clock.nanos();
                NDArray y = f.apply(x);
                if (y != x) y.close(); // the forward frees every intermediate too: part of the operation's cost
                long t1 = clock.nanos();
                if (i >= warmup) t[i - warmup] = (t1 - t0) / 1e6;
            }
            return RunStatistics.quantile(t, 0.5);
        }
    }

    static NDArray input(NDManager m, int batch, int channels, int side, MemoryLayout layout) {
        if (layout == MemoryLayout.CHANNELS_LAST) {
            return m.randomNormal(new Shape(batch, side, side, channels)).transpose(0, 3, 1, 2);
        }
        return m.randomNormal(new Shape(batch, channels, side, side));
    }

    private static UnaryOperator<NDArray> operation(LayerOp op, NDManager m, int batch, MemoryLayout layout) {
        Shape pad = new Shape((op.kernel() - 1) / 2, (op.kernel() - 1) / 2);
        Shape stride = new Shape(op.stride(), op.stride());
        Shape dilation = new Shape(1, 1);
        switch (op.kind()) {
            case CONV: {
                NDArray w = m.randomNormal(0, 0.05f, new Shape(op.out(), op.in(), op.kernel(), op.kernel()), DataType.FLOAT32);
                return x -> x.getNDArrayInternal().convolution(x, w, null, stride, pad, dilation, 1).singletonOrThrow();
            }
            case DWCONV: {
                NDArray w = m.randomNormal(0, 0.05f, new Shape(op.in(), 1, op.kernel(), op.kernel()), DataType.FLOAT32);
                return x -> x.getNDArrayInternal().convolution(x, w, null, stride, pad, dilation, op.in()).singletonOrThrow();
            }
            case BN: {
                PtNDArray mean = (PtNDArray) m.zeros(new Shape(op.in()));
                PtNDArray var = (PtNDArray) m.ones(new Shape(op.in()));
                PtNDArray g = (PtNDArray) m.ones(new Shape(op.in()));
                PtNDArray b = (PtNDArray) m.zeros(new Shape(op.in()));
                return x -> JniUtils.batchNorm((PtNDArray) x, mean, var, g, b, false, BatchNorm2d.TRAIN_MOMENTUM,
                        BatchNorm2d.ZEN_EPS);
            }
            case RELU:
                return x -> x.getNDArrayInternal().relu();
            case ADD: {
                NDArray other = input(m, batch, op.in(), op.side(), layout);
                // the forward adds in place into the branch output: time the same in-place add
                NDArray acc = input(m, batch, op.in(), op.side(), layout);
                return x -> {
                    acc.addi(other);
                    return x;
                };
            }
            case SE: {
                SqueezeExcite se = new SqueezeExcite(op.in(), BatchNorm2d.ZEN_EPS, BatchNorm2d.TRAIN_MOMENTUM);
                se.initialize(m, DataType.FLOAT32, new Shape(1, op.in(), op.side(), op.side()));
                DirectForward f = new DirectForward(se, false, null, layout == MemoryLayout.CHANNELS_LAST);
                return x -> f.run(se, x);
            }
            case HEAD: {
                NDArray w = m.randomNormal(0, 0.05f, new Shape(op.out(), op.in()), DataType.FLOAT32);
                NDArray b = m.zeros(new Shape(op.out()));
                return x -> {
                    NDArray gap = x.getNDArrayInternal().globalAvgPool();
                    NDArray pooled = gap.reshape(batch, op.in());
                    gap.close();
                    NDArray y = pooled.getNDArrayInternal().linear(pooled, w, b).singletonOrThrow();
                    pooled.close();
                    return y;
                };
            }
            default:
                throw new IllegalArgumentException("no timer for " + op.kind());
        }
    }
}
