package dev.zennas.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.Nb201Cell;
import dev.zennas.nasbench.Nb201Target;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TE-NAS's NTK against gradients computed independently: every entry checked here comes from its own fresh forward
 * and backward pass (no retained graph, no row bookkeeping), so a gradient that leaks from one sample's row into the
 * next, a row written at the wrong place or a parameter left out or counted twice would show.
 */
class TeNasNtkTest {

    private static final int BATCH = 5;

    @BeforeAll
    static void engine() {
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
    }

    @Test
    void ntkEntriesAreDotProductsOfPerSampleGradients() {
        // A cell with every op kind, so the direct forward's conv, pool and skip paths all carry gradients.
        ProxyTarget target = new Nb201Target(Nb201Cell.parse(
                "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|"),
                BenchmarkDataset.CIFAR10);
        ProxySettings settings = ProxySettings.defaults().withBatchSize(BATCH);
        TeNas proxy = new TeNas();
        try (NDManager m = NDManager.newBaseManager()) {
            ProxyNetwork net = target.build(m, settings);
            proxy.prepare(net, target, m, settings, 32);
            RepeatedProxy.fillAll(net, new SplittableRandom(5), NetInit.Scheme.PYTORCH_DEFAULT);
            NDArray x = RepeatedProxy.gaussianInput(m, new Shape(BATCH, 3, 32, 32), new SplittableRandom(6),
                    DataType.FLOAT32);

            double[][] ntk = TeNas.ntk(net, m, x);

            double[] g0 = gradient(net, m, x, logits -> logits.get(0).sum());
            double[] gLast = gradient(net, m, x, logits -> logits.get(BATCH - 1).sum());
            double[] gAll = gradient(net, m, x, NDArray::sum);
            // TeNas.ntk takes G·Gᵀ in float32, as the official code does, over tens of thousands of parameters; the
            // references here sum in double. On some CPUs libtorch's float32 product is off by ~3e-4 relative
            // (2454.94 against 2455.61 for ntk[0][0], measured 2026-11-29), so 1e-3: a leaked, misplaced or missing row is off
            // by far more.
            double tol = 1e-3;
            assertThat(ntk[0][0]).isPositive().isCloseTo(dot(g0, g0), within(tol * dot(g0, g0)));
            assertThat(ntk[BATCH - 1][BATCH - 1]).isCloseTo(dot(gLast, gLast), within(tol * dot(gLast, gLast)));
            assertThat(ntk[0][BATCH - 1]).isCloseTo(dot(g0, gLast), within(tol * Math.abs(ntk[0][0])));
            // Σ_ij <g_i, g_j> = |Σ_i g_i|², and Σ_i g_i is the gradient of the sum of all logits (one backward).
            double sum = 0;
            for (int i = 0; i < BATCH; i++) {
                for (int j = 0; j < BATCH; j++) {
                    assertThat(ntk[i][j]).as("symmetric at %d,%d", i, j).isCloseTo(ntk[j][i],
                            within(1e-5 * Math.abs(ntk[i][i])));
                    sum += ntk[i][j];
                }
            }
            assertThat(sum).isCloseTo(dot(gAll, gAll), within(tol * dot(gAll, gAll)));
            // Gradients are zeroed afterwards, so a later proxy on this network starts clean.
            for (Parameter p : TeNas.ntkParameters(net)) {
                assertThat(p.getArray().getGradient().abs().max().getFloat()).isZero();
            }
        }
    }

    /** The gradient of {@code objective(logits)} over the NTK's parameters, from a fresh train-mode forward. */
    private static double[] gradient(ProxyNetwork net, NDManager manager, NDArray x,
                                     Function<NDArray, NDArray> objective) {
        List<Parameter> params = RepeatedProxy.allParameters(net);
        RepeatedProxy.zeroGrads(params);
        JniUtils.setGradMode(true);
        try (NDManager m = manager.newSubManager()) {
            NDArray logits = RepeatedProxy.logits(net, new ParameterStore(m, false), x, true); // the Block API
            RepeatedProxy.backward(objective.apply(logits), false);
            List<Parameter> weights = TeNas.ntkParameters(net);
            int n = 0;
            for (Parameter p : weights) {
                n += Math.toIntExact(p.getArray().size());
            }
            double[] g = new double[n];
            int offset = 0;
            for (Parameter p : weights) {
                float[] v = p.getArray().getGradient().toFloatArray();
                for (float f : v) {
                    g[offset++] = f;
                }
            }
            RepeatedProxy.zeroGrads(params);
            return g;
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
