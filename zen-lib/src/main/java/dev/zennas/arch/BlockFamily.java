package dev.zennas.arch;

/**
 * The four super-block families of the ZenNAS search spaces (conventions §3.1).
 *
 * <p>Each family has a name pattern in the structure string; the kernel size and, for the MobileNet-style family,
 * the expansion ratio are part of the name.
 */
public enum BlockFamily {
    /** {@code SuperConvK{k}BNRELU(in,out,stride,sub_layers)}: a plain conv-BN-ReLU stack. */
    CONV,
    /** {@code SuperResK{k}K{k}(in,out,stride,bottleneck,sub_layers)}: ResNet basic blocks. */
    BASIC,
    /** {@code SuperResK1K{k}K1(in,out,stride,bottleneck,sub_layers)}: ResNet bottleneck blocks, two per sub-layer. */
    BOTTLENECK,
    /** {@code SuperResIDWE{e}K{k}(in,out,stride,bottleneck,sub_layers)}: MobileNet inverted residuals, two per sub-layer. */
    INVERTED;

    /** Whether the family is a residual ("Res") family; only these carry a bottleneck width and are split. */
    public boolean residual() {
        return this != CONV;
    }

    /** Number of integer arguments in the structure string. */
    public int arity() {
        return this == CONV ? 4 : 5;
    }
}
