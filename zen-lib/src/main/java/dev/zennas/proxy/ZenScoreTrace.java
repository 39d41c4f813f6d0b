package dev.zennas.proxy;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Every piece of one Zen-Score draw, as {@link ZenScore} computed it: the Gaussian weights, the two inputs, the two
 * pre-GAP feature maps, Δ, the per-layer BN statistic and the two logarithms. {@link ZenScore#trace} fills it for
 * repeat 0 of a run; {@link #score()} is then bit for bit the first value of {@link ZenScore#score} with the same
 * target and settings, so the pieces can be recomputed by hand and checked against the library.
 *
 * <p>Arrays are in NCHW order (the network's own layout may be channels-last; these are logical copies).
 *
 * @param convention        the convention the score used
 * @param gamma             α, the perturbation size
 * @param inputShape        [B, C, R, R]
 * @param input             x, drawn from N(0, 1) after the weights
 * @param noise             ε, drawn from N(0, 1) after x
 * @param perturbed         x' = x + α·ε in float32
 * @param parameters        the network's parameters after the Gaussian initialisation, before the passes (BN running
 *                          statistics at their fresh values: mean 0, variance 1), in block-tree order
 * @param featureShape      shape of the pre-GAP feature map f(x)
 * @param features          f(x), the clean train-mode pass
 * @param perturbedFeatures f(x'), the second pass (after the clean one has updated the running statistics)
 * @param delta             Δ: mean over the batch of the per-sample L1 norm (A, B) or L2 norm (C) of f(x) − f(x')
 * @param logDelta          ln Δ
 * @param bnLayers          per BN layer, in block-tree order: its channel count, momentum and the variances the score
 *                          reads
 * @param bnTerm            Σ over BN layers of ½·ln(mean over channels of the layer's variance)
 * @param score             ln Δ + the BN term
 */
public record ZenScoreTrace(ZenConvention convention, double gamma, Shape inputShape, float[] input, float[] noise,
                            float[] perturbed, List<Tensor> parameters, Shape featureShape, float[] features,
                            float[] perturbedFeatures, double delta, double logDelta, List<BnLayer> bnLayers,
                            double bnTerm, double score) {

    /** One named array (a parameter of the network). */
    public record Tensor(String name, Shape shape, float[] values) { }

    /**
     * One BN layer's statistics after the two passes.
     *
     * @param channels       its channel count
     * @param momentum       its PyTorch-convention momentum (0.1 in the search)
     * @param eps            its eps (1e-3 in Zen-NAS networks)
     * @param runningVar     running variance per channel after both passes (convention A reads this)
     * @param scoreVariances the per-channel variances the score read: {@code runningVar} for A, the clean pass's
     *                       batch variance for B and C
     * @param term           ½·ln(mean of {@code scoreVariances}), this layer's share of the BN term
     */
    public record BnLayer(int channels, double momentum, double eps, float[] runningVar, float[] scoreVariances,
                          double term) { }

    /** The parameter of that name (for example {@code "…conv…_weight"}); an error naming the known ones otherwise. */
    public Tensor parameter(String name) {
        for (Tensor t : parameters) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no parameter '" + name + "' (known: "
                + parameters.stream().map(Tensor::name).toList() + ")");
    }
}
