package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.zennas.blocks.ActivationProbe;
import java.util.Map;

/**
 * NASWOT as in the official Zen-NAS code (conventions §2.1, T7): Gaussian init; every {@link dev.zennas.blocks.Relu}
 * <em>input</em> a_l (flattened per sample) gives binary codes c = 1[a_l &gt; 0];
 * K = Σ_l (c·cᵀ + (1−c)·(1−c)ᵀ) (B×B, accumulated in double) over one full forward; score = log|det K|
 * (slogdet, sign ignored). The official script uses batch 8. The official backward pass of ones is omitted: it does
 * not change K. A singular K gives −∞ (reported as a non-finite repeat). Needs our {@code Relu} blocks: a network
 * without them is refused with a clear message.
 */
public final class Naswot extends RepeatedProxy {

    /** Batch size of the official NASWOT search script. */
    public static final int OFFICIAL_BATCH = 8;

    @Override
    public String name() {
        return "naswot";
    }

    /** The official NASWOT script's batch of {@value #OFFICIAL_BATCH}; otherwise the official search's settings. */
    @Override
    public ProxySettings defaults() {
        return ProxySettings.defaults().withBatchSize(OFFICIAL_BATCH);
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /**
     * K sums over every ReLU that runs (in any order) the codes of its input; nothing else of the network enters.
     */
    @Override
    public boolean dependsOnlyOnComputedGraph() {
        return true;
    }

    @Override
    Draw once(Context c) {
        fillAll(c.network(), c.rng(), NetInit.Scheme.GAUSSIAN);
        int b = c.settings().batchSize();
        NDArray x = gaussianInput(c.manager(), c.inputShape(b), c.rng(), DataType.FLOAT32);
        double[] kernel = new double[b * b];
        int[] relus = {0};
        ActivationProbe probe = a -> {
            relus[0]++;
            // every temporary is closed here: a layer's codes are as large as its activation
            try (NDArray positive = a.gt(0);
                 NDArray codes = positive.toType(DataType.FLOAT32, false);
                 NDArray sign = codes.muli(2).subi(1).reshape(b, -1);
                 NDArray signT = sign.transpose();
                 NDArray gram = sign.matMul(signT)) {
                long units = sign.getShape().get(1);
                float[] g = gram.toFloatArray();
                // c·cᵀ + (1−c)·(1−c)ᵀ = (N + s·sᵀ)/2 with s = 2c − 1 (integers: exact in float32 below 2^24 per layer)
                for (int i = 0; i < g.length; i++) {
                    kernel[i] += (units + (double) g[i]) / 2.0;
                }
            }
        };
        ParameterStore ps = new ParameterStore(c.manager(), false);
        FastForward features = new FastForward(c.network().features());
        try (ActivationProbe.Installation ignored = ActivationProbe.install(probe)) {
            if (features.isFast()) {
                // our networks: the direct forward frees each activation as soon as it is consumed (flat memory);
                // the head (GAP → Linear) has no ReLU, so K is complete without it
                features.forward(ps, x, true).close();
            } else {
                logits(c.network(), ps, x, true);
            }
        }
        if (relus[0] == 0) {
            throw new ProxyException("naswot: " + shortId(c.target()) + " has no dev.zennas.blocks.Relu layer; NASWOT"
                    + " hooks the ReLU inputs, so build the network with dev.zennas.blocks.Relu");
        }
        return new Draw(logAbsDet(kernel, b), Map.of("relu_layers", (double) relus[0]));
    }

    /** log|det A| of a row-major n×n matrix by LU with partial pivoting (−∞ when singular). */
    public static double logAbsDet(double[] matrix, int n) {
        double[] a = matrix.clone();
        double logDet = 0;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) {
                    pivot = r;
                }
            }
            double p = a[pivot * n + col];
            if (p == 0 || !Double.isFinite(p)) {
                return p == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
            }
            if (pivot != col) {
                for (int k = 0; k < n; k++) {
                    double t = a[col * n + k];
                    a[col * n + k] = a[pivot * n + k];
                    a[pivot * n + k] = t;
                }
            }
            logDet += Math.log(Math.abs(p));
            for (int r = col + 1; r < n; r++) {
                double f = a[r * n + col] / p;
                if (f != 0) {
                    for (int k = col; k < n; k++) {
                        a[r * n + k] -= f * a[col * n + k];
                    }
                }
            }
        }
        return logDet;
    }
}
