package dev.zennas.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.Conv;
import dev.zennas.proxy.NetInit;
import ai.djl.nn.SequentialBlock;
import org.junit.jupiter.api.Test;

/** The in-place update against PyTorch's SGD formulas written out in doubles. */
class NesterovSgdTest {

    @Test
    void twoStepsMatchPyTorchsNesterovWithDecayOnWeightsOnly() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            JniUtils.setGradMode(false);
            SequentialBlock net = new SequentialBlock().add(new Conv(1, 2, 1, 1, 1, false)).add(new BatchNorm2d(2, 1e-3, 0.1));
            NetInit.prepare(net, m, DataType.FLOAT32, new Shape(1, 1, 1, 1));
            Conv conv = (Conv) net.getChildren().get(0).getValue();
            BatchNorm2d bn = (BatchNorm2d) net.getChildren().get(1).getValue();
            NetInit.write(conv.weight().getArray(), seq(0.5, -1.0));
            NetInit.write(bn.gamma().getArray(), seq(1, 1));
            NetInit.write(bn.beta().getArray(), seq(0, 0));
            for (var p : net.getParameters()) {
                p.getValue().getArray().setRequiresGradient(p.getValue().requiresGradient());
            }
            NesterovSgd opt = new NesterovSgd(net, m, 0.9, true, 0.1, true);
            assertThat(opt.parameters()).hasSize(3); // conv weight, γ, β (running stats need no gradient)
            double[] w = {0.5, -1.0};
            double[] buf = {0, 0};
            double[] gamma = {1, 1};
            double[] gbuf = {0, 0};
            double lr = 0.1;
            for (int step = 0; step < 2; step++) {
                // loss = Σ w·c + Σ γ·d with fixed c, d: gradients are c and d
                double[] c = {1.0 + step, -2.0};
                double[] d = {0.25, 0.5};
                try (NDManager s = m.newSubManager();
                     GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray lw = conv.weight().getArray().reshape(2).mul(s.create(new float[] {(float) c[0], (float) c[1]})).sum();
                    NDArray lg = bn.gamma().getArray().mul(s.create(new float[] {(float) d[0], (float) d[1]})).sum();
                    gc.backward(lw.add(lg));
                }
                opt.step(lr);
                for (int i = 0; i < 2; i++) {
                    double g = c[i] + 0.1 * w[i];
                    buf[i] = 0.9 * buf[i] + g;
                    w[i] -= lr * (g + 0.9 * buf[i]);
                    double h = d[i]; // γ: no decay
                    gbuf[i] = 0.9 * gbuf[i] + h;
                    gamma[i] -= lr * (h + 0.9 * gbuf[i]);
                }
            }
            float[] wj = conv.weight().getArray().toFloatArray();
            float[] gj = bn.gamma().getArray().toFloatArray();
            for (int i = 0; i < 2; i++) {
                assertThat((double) wj[i]).isCloseTo(w[i], within(1e-6));
                assertThat((double) gj[i]).isCloseTo(gamma[i], within(1e-6));
            }
            assertThat(opt.decays(0)).isTrue();
            assertThat(opt.decays(1)).isFalse();
        }
    }

    private static java.util.function.DoubleSupplier seq(double... v) {
        int[] i = {0};
        return () -> v[i[0]++];
    }
}
