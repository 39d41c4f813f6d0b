package dev.zennas.arch;

/**
 * One super block of a structure string: its type and integer arguments.
 *
 * <p>{@code bottleneck} is 0 for {@link BlockFamily#CONV} blocks, which have no bottleneck argument. {@code label}
 * is the optional block name of the grammar ({@code Name(label|args)}); it carries no structure and is kept only so
 * that a string prints back byte for byte. It is {@code null} when absent.
 */
public record SuperBlock(BlockType type, int in, int out, int stride, int bottleneck, int subLayers, String label) {

    /** Upper bound for channel counts; generous (released nets use at most 6,704), it only rejects nonsense. */
    public static final int MAX_CHANNELS = 1 << 20;
    /** Upper bound for sub_layers of one block. */
    public static final int MAX_SUB_LAYERS = 4096;

    public SuperBlock {
        if (type == null) throw new IllegalArgumentException("block type must not be null");
        checkRange("in_channels", in, MAX_CHANNELS);
        checkRange("out_channels", out, MAX_CHANNELS);
        if (stride != 1 && stride != 2) throw new IllegalArgumentException("stride must be 1 or 2, got " + stride);
        checkRange("sub_layers", subLayers, MAX_SUB_LAYERS);
        if (type.family().residual()) {
            checkRange("bottleneck", bottleneck, MAX_CHANNELS);
        } else if (bottleneck != 0) {
            throw new IllegalArgumentException(type.name() + " has no bottleneck argument");
        }
        if (label != null && (label.indexOf('|') >= 0 || label.indexOf('(') >= 0 || label.indexOf(')') >= 0)) {
            throw new IllegalArgumentException("block label must not contain '|' or parentheses: " + label);
        }
    }

    /** A plain conv super block {@code SuperConvK{k}BNRELU(in,out,stride,subLayers)}. */
    public static SuperBlock conv(int kernel, int in, int out, int stride, int subLayers) {
        return new SuperBlock(BlockType.of(BlockFamily.CONV, kernel), in, out, stride, 0, subLayers, null);
    }

    /** A residual super block of the given type. */
    public static SuperBlock res(BlockType type, int in, int out, int stride, int bottleneck, int subLayers) {
        return new SuperBlock(type, in, out, stride, bottleneck, subLayers, null);
    }

    public SuperBlock withIn(int newIn) {
        return new SuperBlock(type, newIn, out, stride, bottleneck, subLayers, label);
    }

    public SuperBlock withOut(int newOut) {
        return new SuperBlock(type, in, newOut, stride, bottleneck, subLayers, label);
    }

    public SuperBlock withSubLayers(int n) {
        return new SuperBlock(type, in, out, stride, bottleneck, n, label);
    }

    public SuperBlock withBottleneck(int b) {
        return new SuperBlock(type, in, out, stride, b, subLayers, label);
    }

    public SuperBlock withStride(int s) {
        return new SuperBlock(type, in, out, s, bottleneck, subLayers, label);
    }

    public BlockFamily family() {
        return type.family();
    }

    public int kernel() {
        return type.kernel();
    }

    /** The block as it appears in a structure string. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.name()).append('(');
        if (label != null) sb.append(label).append('|');
        sb.append(in).append(',').append(out).append(',').append(stride).append(',');
        if (type.family().residual()) sb.append(bottleneck).append(',');
        return sb.append(subLayers).append(')').toString();
    }

    private static void checkRange(String what, int value, int max) {
        if (value <= 0) throw new IllegalArgumentException(what + " must be positive, got " + value);
        if (value > max) throw new IllegalArgumentException(what + " " + value + " exceeds the maximum " + max);
    }
}
