package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;

/**
 * SynFlow as in the official Zen-NAS code (conventions §2.3, T6): Gaussian init then |·| of every entry (weights,
 * biases, BN γ/β), float64, an input of ones [1, C, R, R], train-mode BN on that single image (statistics over H×W),
 * backward of sum(output of the full net); per conv/linear layer value = mean over output units of the sum over the
 * remaining axes of |W ⊙ ∂L/∂W|; synflow = Σ layers; <b>score = −synflow</b> (the code's sign: larger is better).
 * A network whose last feature map is 1×1 cannot run train-mode BN on one image and is refused.
 */
public final class SynFlow extends RepeatedProxy {

    @Override
    public String name() {
        return "synflow";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /**
     * The output and the weight gradients are functions of the network's parameters; every conv/linear weight is a
     * term (a conv whose output is unread or zero contributes |W ⊙ 0| = 0), so the function classes suffice.
     */
    @Override
    public boolean dependsOnlyOnParameterFunction() {
        return true;
    }

    @Override
    DataType dataType() {
        return DataType.FLOAT64;
    }

    @Override
    int batchSize(ProxySettings s) {
        return 1;
    }

    @Override
    boolean usesBatchStatistics() {
        return false;
    }

    @Override
    Draw once(Context c) {
        fillAll(c.network(), c.rng(), NetInit.Scheme.ABS_GAUSSIAN);
        List<Parameter> params = allParameters(c.network());
        NDArray ones = c.manager().ones(c.inputShape(1), DataType.FLOAT64);
        double synflow = 0;
        int layers = 0;
        JniUtils.setGradMode(true);
        try {
            zeroGrads(params);
            NDArray out = logits(c.network(), new ParameterStore(c.manager(), false), ones, true);
            backward(out.sum(), false);
            for (Parameter p : params) {
                if (p.getType() != Parameter.Type.WEIGHT || !p.requiresGradient()) {
                    continue;
                }
                NDArray w = p.getArray();
                int dims = w.getShape().dimension();
                if (dims != 4 && dims != 2) {
                    continue;
                }
                int[] axes = dims == 4 ? new int[] {1, 2, 3} : new int[] {1};
                try (NDArray s = w.mul(w.getGradient()).abs().sum(axes).mean()) {
                    synflow += s.getDouble();
                }
                layers++;
            }
        } finally {
            zeroGrads(params);
            JniUtils.setGradMode(false);
        }
        return new Draw(-synflow, Map.of("layers", (double) layers));
    }
}
