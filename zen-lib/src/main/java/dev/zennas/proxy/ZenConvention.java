package dev.zennas.proxy;

/**
 * The three Zen-Score conventions (conventions §1.3). Every value the workbench reports names its convention.
 */
public enum ZenConvention {
    /**
     * Code-faithful (default; what the official search optimises): per-sample L1 norm of the feature difference,
     * BN factor sqrt(mean running_var) after the two train-mode passes from a fresh start (running_var = 1,
     * PyTorch momentum 0.1, unbiased): ≈ 0.81 + 0.09·v₁ + 0.1·v₂. Released CIFAR-1M: ≈ 122.5–123.3.
     */
    A,
    /** Converged BN: per-sample L1, BN factor sqrt(mean batch variance). Reproduces paper Table 5 (ResNets). */
    B,
    /** Paper Algorithm 1: per-sample Frobenius (L2) norm, BN factor sqrt(mean batch variance). */
    C;

    /** Parses "A"/"b"/... with a clear message. */
    public static ZenConvention parse(String s) {
        if (s != null) {
            for (ZenConvention c : values()) {
                if (c.name().equalsIgnoreCase(s.trim())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("unknown Zen-Score convention '" + s + "' (expected A, B or C)");
    }
}
