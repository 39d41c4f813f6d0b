package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;

/**
 * A hook that sees the <em>input</em> of every {@link Relu} block run on the current thread.
 *
 * <p>NASWOT (conventions §2.1) needs the pre-activation of every ReLU; PlainNet's functional ReLU is hooked there.
 * The probe is thread-local so that concurrent scorers do not see each other's activations; when no probe
 * is installed, {@link Relu} pays one thread-local read.
 */
@FunctionalInterface
public interface ActivationProbe {

    /** Called with the ReLU input (pre-activation). The array belongs to the forward pass: do not close it. */
    void onReluInput(NDArray preActivation);

    /**
     * Installs {@code probe} for the current thread until the returned handle is closed (the previous
     * probe, if any, is then restored).
     */
    static Installation install(ActivationProbe probe) {
        ActivationProbe previous = Relu.PROBE.get();
        Relu.PROBE.set(probe);
        return () -> {
            if (previous == null) {
                Relu.PROBE.remove();
            } else {
                Relu.PROBE.set(previous);
            }
        };
    }

    /** The probe currently installed on this thread, or {@code null}. */
    static ActivationProbe current() {
        return Relu.PROBE.get();
    }

    /** Handle returned by {@link #install}; closing it uninstalls the probe. */
    interface Installation extends AutoCloseable {
        @Override
        void close();
    }
}
