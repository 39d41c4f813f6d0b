package dev.zennas.proxy;

/** A zero-shot proxy: scores a network at initialisation, without training. */
public interface ZeroShotProxy {

    /** Registry name: zen, naswot, te-nas, synflow, gradnorm, params, flops, random. */
    String name();

    /** Whether the search maximises it. All official proxies are oriented so that larger is better. */
    boolean higherIsBetter();

    /**
     * Scores {@code target} {@code settings.repeats()} times (fresh weights, inputs and BN statistics per
     * repeat, drawn from a Java RNG seeded by (seed, repeat)).
     *
     * @throws ProxyException for impossible settings (e.g. batch 1 with train-mode BN), networks over the
     *                        memory budget, a blown time budget, or an engine failure (never a JVM crash)
     */
    ProxyResult score(ProxyTarget target, ProxySettings settings);

    /**
     * As {@link #score(ProxyTarget, ProxySettings)}, computed as {@code execution} says (direct forward, layout,
     * passes). Proxies whose execution has no such choice ignore it.
     */
    default ProxyResult score(ProxyTarget target, ProxySettings settings, ExecutionSettings execution) {
        return score(target, settings);
    }

    /**
     * The settings this proxy is scored with unless a caller says otherwise: the official search's (batch 64, γ 0.01,
     * one repeat, convention A); NASWOT declares its official batch of 8.
     */
    default ProxySettings defaults() {
        return ProxySettings.defaults();
    }

    /**
     * True when the score's distribution depends only on what the forward pass computes — the tensors and the batch
     * statistics of every layer that runs, in any order — never on how the architecture is written, its FLOPs, or
     * work whose result is discarded, so that one draw may stand for every equivalent NB201 cell
     * ({@link dev.zennas.nasbench.Nb201Equivalence.Level#COMPUTED_GRAPH}). False unless a proxy says so. A gradient-based
     * proxy qualifies only if it reads no BN shift gradient (TE-NAS): the shift of a conv that only ever sees zeros
     * still receives the gradient of wherever its output is added, which these classes do not record; see
     * {@link #dependsOnlyOnParameterFunction()}.
     */
    default boolean dependsOnlyOnComputedGraph() {
        return false;
    }

    /**
     * True when the score's distribution depends only on the network as a function of its parameters and input —
     * its output and every gradient — and on which parameter tensors it has (each conv with its BN, read or not),
     * never on how the architecture is written, so that one draw may stand for every NB201 cell of a
     * {@link dev.zennas.nasbench.Nb201Equivalence.Level#PARAMETER_FUNCTION} class (finer than the computed-graph
     * classes: 6,594 instead of 6,239). Used only for proxies that do not declare
     * {@link #dependsOnlyOnComputedGraph()}. False unless a proxy says so.
     */
    default boolean dependsOnlyOnParameterFunction() {
        return false;
    }
}
