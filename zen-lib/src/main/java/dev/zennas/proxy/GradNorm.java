package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * GradNorm as in the official Zen-NAS code (conventions §2.4): Gaussian init, x ~ N(0,1), labels uniform over the classes
 * (Java RNG), loss = cross entropy of the full net's logits in train mode (mean over the batch), one backward;
 * score = sqrt(Σ over every parameter with a gradient of ||∂loss/∂p||²) — BN γ/β and the FC bias included.
 */
public final class GradNorm extends RepeatedProxy {

    @Override
    public String name() {
        return "gradnorm";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /**
     * The loss and the gradient of every parameter (BN γ/β and FC bias included) are functions of the network's
     * parameters; a conv that sees only zeros contributes the gradient of its β, which the function classes keep.
     */
    @Override
    public boolean dependsOnlyOnParameterFunction() {
        return true;
    }

    @Override
    Draw once(Context c) {
        fillAll(c.network(), c.rng(), NetInit.Scheme.GAUSSIAN);
        int b = c.settings().batchSize();
        NDArray x = gaussianInput(c.manager(), c.inputShape(b), c.rng(), DataType.FLOAT32);
        int classes = c.target().numClasses();
        List<Parameter> params = allParameters(c.network());
        JniUtils.setGradMode(true);
        try {
            zeroGrads(params);
            NDArray logits = directLogits(c.network(), new ParameterStore(c.manager(), false), x, true,
                    c.execution());
            long k = logits.getShape().get(1);
            if (k != classes && c.network().head() != null) {
                throw new ProxyException("gradnorm: logits have " + k + " classes, target says " + classes);
            }
            float[] oneHot = new float[(int) (b * k)];
            for (int i = 0; i < b; i++) {
                oneHot[i * (int) k + c.rng().nextInt((int) k)] = 1f;
            }
            NDArray target = c.manager().create(oneHot, new Shape(b, k));
            // the batch size as a scalar libtorch owns: DJL's div(Number) would leave autograd holding a scalar on a
            // Java buffer that a garbage collection can free before the backward pass (see ZeroOp#timesZero)
            NDArray batch = c.manager().full(new Shape(), (float) b, logits.getDataType());
            NDArray loss = logits.logSoftmax(1).mul(target).sum().neg().div(batch);
            backward(loss, false);
            NDList squares = new NDList();
            for (Parameter p : params) {
                if (p.requiresGradient() && p.getArray().hasGradient()) {
                    squares.add(p.getArray().getGradient().toType(DataType.FLOAT64, false).square().sum());
                }
            }
            double total = squares.isEmpty() ? 0 : NDArrays.stack(squares).sum().getDouble();
            return Draw.of(Math.sqrt(total));
        } finally {
            zeroGrads(params);
            JniUtils.setGradMode(false);
        }
    }
}
