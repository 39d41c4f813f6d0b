package dev.zennas.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlocksTest {

    /** Conventions §10.5: after two train-mode forwards, running_var = 0.81 + 0.19·v·n/(n−1). */
    @Test
    void batchNormRunningVarFollowsPyTorchMomentumAndUnbiasedVariance() {
        try (NDManager m = NDManager.newBaseManager()) {
            int batch = 4;
            int channels = 3;
            int h = 5;
            BatchNorm2d bn = BatchNorm2d.zen(channels);
            bn.initialize(m, DataType.FLOAT32, new Shape(1, channels, h, h));
            float[] data = new float[batch * channels * h * h];
            Random rng = new Random(7);
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (rng.nextGaussian() * 3.0 + 1.0);
            }
            NDArray x = m.create(data, new Shape(batch, channels, h, h));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray y = bn.forward(ps, new NDList(x), true).singletonOrThrow();
            bn.forward(ps, new NDList(x), true);
            float[] rv = bn.runningVar().getArray().toFloatArray();
            float[] rm = bn.runningMean().getArray().toFloatArray();
            int n = batch * h * h;
            for (int c = 0; c < channels; c++) {
                double mean = 0;
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < h * h; i++) {
                        mean += data[(b * channels + c) * h * h + i];
                    }
                }
                mean /= n;
                double ss = 0;
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < h * h; i++) {
                        double d = data[(b * channels + c) * h * h + i] - mean;
                        ss += d * d;
                    }
                }
                double biased = ss / n;
                double unbiased = ss / (n - 1);
                assertThat(rv[c]).isCloseTo((float) (0.81 + 0.19 * unbiased), within(1e-4f * (float) unbiased));
                assertThat(rm[c]).isCloseTo((float) (0.19 * mean), within(1e-4f));
                // output normalised with the biased batch variance and eps 1e-3
                float first = data[c * h * h];
                float expected = (float) ((first - mean) / Math.sqrt(biased + 1e-3));
                assertThat(y.get(0, c, 0, 0).getFloat()).isCloseTo(expected, within(1e-4f));
            }
        }
    }

    @Test
    void batchNormParametersAreNamedLikeDjl() {
        BatchNorm2d bn = new BatchNorm2d(8, 1e-5, 0.01);
        List<String> names = new ArrayList<>();
        bn.getDirectParameters().forEach(p -> names.add(p.getKey()));
        assertThat(names).containsExactly("gamma", "beta", "runningMean", "runningVar");
        assertThat(bn.runningVar().getType()).isEqualTo(Parameter.Type.RUNNING_VAR);
        assertThat(bn.runningVar().requiresGradient()).isFalse();
        assertThat(bn.momentum()).isEqualTo(0.01);
        assertThat(bn.eps()).isEqualTo(1e-5);
        assertThatThrownBy(() -> new BatchNorm2d(8, 1e-3, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shapesAreAnalyticAndParameterCountsMatchPyTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock inner = new SequentialBlock()
                    .add(Conv.of(16, 8, 3, 2)).add(BatchNorm2d.zen(8)).add(new Relu())
                    .add(new SqueezeExcite(8, 1e-3, 0.1))
                    .add(Conv.of(8, 32, 3, 1)).add(BatchNorm2d.zen(32));
            Residual res = new Residual(inner, Residual.projection(16, 32, 2, 1e-3, 0.1));
            SequentialBlock net = new SequentialBlock().add(res).add(new Relu())
                    .add(Conv.depthwise(32, 5, 1)).add(new Head(32, 10));
            Shape in = new Shape(1, 16, 9, 9);
            assertThat(res.getOutputShapes(new Shape[] {in})[0]).isEqualTo(new Shape(1, 32, 5, 5));
            net.initialize(m, DataType.FLOAT32, in);
            long params = 0;
            for (var p : net.getParameters()) {
                if (p.getValue().getType() != Parameter.Type.RUNNING_MEAN
                        && p.getValue().getType() != Parameter.Type.RUNNING_VAR) {
                    params += p.getValue().getArray().size();
                }
            }
            long expected = 16 * 8 * 9 + 2 * 8               // conv + bn
                    + (8 * 2 + 2 * 2 + 2 * 8 + 2 * 8)      // SE(8): s=2
                    + 8 * 32 * 9 + 2 * 32                  // conv + bn
                    + (16 * 32 + 32) + 2 * 32              // projection conv with bias + bn
                    + 32 * 25                              // depthwise
                    + 32 * 10 + 10;                        // head
            assertThat(params).isEqualTo(expected);
            NDArray x = m.randomNormal(new Shape(2, 16, 9, 9));
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(2, 10));
        }
    }

    @Test
    void reluHandsItsInputToTheProbe() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-1, 2, -3, 4});
            List<float[]> seen = new ArrayList<>();
            try (ActivationProbe.Installation ignored = ActivationProbe.install(a -> seen.add(a.toFloatArray()))) {
                NDArray y = new Relu().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                assertThat(y.toFloatArray()).containsExactly(0, 2, 0, 4);
            }
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).containsExactly(-1, 2, -3, 4);
            assertThat(ActivationProbe.current()).isNull();
        }
    }

    @Test
    void squeezeWidthUsesBankersRounding() {
        assertThat(SqueezeExcite.squeezedWidth(8)).isEqualTo(2);
        assertThat(SqueezeExcite.squeezedWidth(10)).isEqualTo(2); // 2.5 -> 2
        assertThat(SqueezeExcite.squeezedWidth(14)).isEqualTo(4); // 3.5 -> 4
        assertThat(SqueezeExcite.squeezedWidth(2)).isEqualTo(1);  // 0.5 -> 0 -> max 1
    }
}
