package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * TE-NAS as the official Zen-NAS search uses it (conventions §2.2, T5): −cond(NTK) only. PyTorch default init (no
 * Gaussian re-init; drawn from the repeat's Java RNG: U(±1/√fan_in) for conv/linear weights and biases, γ = 1,
 * β = 0); x ~ N(0,1); logits of the full net in train mode; per sample i the gradient of Σ_k logits[i,k] w.r.t. every
 * parameter PyTorch names "weight" (conv and FC weights <b>and BN γ</b>); NTK = G·Gᵀ; cond = λ_max/λ_min of the
 * symmetric eigen-decomposition, NaN → 0 and ±∞ → ±Double.MAX_VALUE (numpy's nan_to_num); score = −cond.
 * Cost: B backward passes through one retained graph.
 */
public final class TeNas extends RepeatedProxy {

    @Override
    public String name() {
        return "te-nas";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /**
     * The NTK reads only the gradients of conv/FC weights and BN γ. A conv fed only zeros gets exactly zero for both
     * (its input and its normalised output are zero), and a conv nobody reads is off the logits' path, so unlike
     * GradNorm and SynFlow (which see a zero-fed conv's BN shift) the score is a function of the computed graph.
     */
    @Override
    public boolean dependsOnlyOnComputedGraph() {
        return true;
    }

    @Override
    Draw once(Context c) {
        fillAll(c.network(), c.rng(), NetInit.Scheme.PYTORCH_DEFAULT);
        NDArray x = gaussianInput(c.manager(), c.inputShape(c.settings().batchSize()), c.rng(), DataType.FLOAT32);
        double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(ntk(c.network(), c.manager(), x, c.execution()),
                false))
                .getRealEigenvalues();
        Arrays.sort(eig);
        double cond = nanToNum(eig[eig.length - 1] / eig[0]);
        Map<String, Double> parts = new java.util.LinkedHashMap<>(); // a fixed order: JSON output is compared as text
        parts.put("lambda_min", eig[0]);
        parts.put("lambda_max", eig[eig.length - 1]);
        return new Draw(-cond, parts);
    }

    /** The parameters whose gradients make up the NTK: those PyTorch names "weight" (conv/FC weights, BN γ). */
    static List<Parameter> ntkParameters(ProxyNetwork net) {
        List<Parameter> weights = new ArrayList<>();
        for (Parameter p : allParameters(net)) {
            if (p.requiresGradient() && (p.getType() == Parameter.Type.WEIGHT || p.getType() == Parameter.Type.GAMMA)) {
                weights.add(p);
            }
        }
        return weights;
    }

    /**
     * The B×B NTK G·Gᵀ of an initialised network on input {@code x} (train mode): row i of G is the gradient of
     * Σ_k logits[i,k] over {@link #ntkParameters}. The peak memory is the retained graph plus the B rows; stacking
     * the rows after the last backward (which frees the graph) adds nothing to it (docs/performance.md, "Memory").
     */
    static double[][] ntk(ProxyNetwork net, NDManager manager, NDArray x) {
        return ntk(net, manager, x, ExecutionSettings.defaults());
    }

    static double[][] ntk(ProxyNetwork net, NDManager manager, NDArray x, ExecutionSettings execution) {
        int b = Math.toIntExact(x.getShape().get(0));
        List<Parameter> params = allParameters(net);
        List<Parameter> weights = ntkParameters(net);
        double[][] ntk = new double[b][b];
        JniUtils.setGradMode(true);
        try (NDManager m = manager.newSubManager()) {
            NDArray logits = directLogits(net, new ParameterStore(m, false), x, true, execution);
            NDList rows = new NDList(b);
            for (int i = 0; i < b; i++) {
                zeroGrads(params);
                backward(logits.get(i).sum(), i + 1 < b);
                try (NDList grads = new NDList(weights.size())) {
                    for (Parameter p : weights) {
                        grads.add(p.getArray().getGradient().flatten());
                    }
                    rows.add(NDArrays.concat(grads));
                }
            }
            JniUtils.setGradMode(false);
            try (NDArray g = NDArrays.stack(rows); NDArray k = g.matMul(g.transpose())) {
                double[] flat = k.toType(DataType.FLOAT64, false).toDoubleArray();
                for (int i = 0; i < b; i++) {
                    System.arraycopy(flat, i * b, ntk[i], 0, b);
                }
            }
        } finally {
            zeroGrads(params);
            JniUtils.setGradMode(false);
        }
        return ntk;
    }

    static double nanToNum(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        if (v == Double.POSITIVE_INFINITY) {
            return Double.MAX_VALUE;
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return -Double.MAX_VALUE;
        }
        return v;
    }
}
