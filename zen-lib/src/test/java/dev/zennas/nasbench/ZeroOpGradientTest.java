package dev.zennas.nasbench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code none} op under autograd survives a garbage collection between the forward and the backward pass.
 *
 * <p>Regression: it used DJL's {@code x.mul(0f)}, which builds the scalar 0 on a Java direct buffer and closes that
 * array at once. Autograd keeps the scalar for the backward pass, so after a GC had freed the buffer the backward read
 * freed memory: SynFlow (and every gradient proxy) gave random scores, up to 1e190 or NaN, on NB201 cells with
 * {@code none} edges — 66 of 15,625 CIFAR-10 cells in one full sweep.
 */
class ZeroOpGradientTest {

    @Test
    void zeroGradientAfterAGarbageCollectionBetweenForwardAndBackward() throws Exception {
        Engine.getEngine("PyTorch");
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                for (int round = 0; round < 3; round++) {
                    try (NDManager m = NDManager.newBaseManager()) {
                        NDArray x = m.ones(new Shape(2, 4, 3, 3), type);
                        x.setRequiresGradient(true);
                        NDArray y = new ZeroOp(4, 4).forward(new ParameterStore(m, false), new NDList(x), true)
                                .singletonOrThrow();
                        churnTheHeap();
                        NDArray total = y.sum();
                        try (NDArray seed = total.onesLike()) {
                            JniUtils.backward((PtNDArray) total, (PtNDArray) seed, false, false);
                        }
                        assertThat(y.toType(DataType.FLOAT64, false).toDoubleArray()).containsOnly(0.0);
                        assertThat(x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray())
                                .as("%s round %d", type, round).containsOnly(0.0);
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Collects unreachable direct buffers (their memory is freed) and reuses the freed memory with other data. */
    private static void churnTheHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        List<ByteBuffer> reuse = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(64);
            while (b.hasRemaining()) {
                b.put((byte) 0x7f);
            }
            reuse.add(b);
        }
        assertThat(reuse).hasSize(64);
    }
}
