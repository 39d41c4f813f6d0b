package dev.zennas.proxy;

import ai.djl.ndarray.NDManager;
import java.util.OptionalDouble;

/** What a proxy scores: a network plus its input geometry and, where known, analytic counts. */
public interface ProxyTarget {

    /** Stable cache key, e.g. the structure string or "nb201:&lt;arch_str&gt;". */
    String id();

    int inputChannels();

    /** The target's own input resolution (used when {@link ProxySettings#resolution()} is 0). */
    int resolution();

    int numClasses();

    /**
     * A network to score. ZenNet targets build a fresh no-residual, no-SE network (conventions §3.4) whose parameters
     * live in {@code manager}; user-block targets return their (long-lived) block. The network may be
     * uninitialised; proxies initialise and overwrite every parameter themselves.
     */
    ProxyNetwork build(NDManager manager, ProxySettings settings);

    /** Code-rule params of the no-residual network (conventions §2.5), if known. */
    OptionalDouble analyticParams();

    /** Code-rule FLOPs of the no-residual network at {@link #resolution()} (conventions §2.5), if known. */
    OptionalDouble analyticFlops();
}
