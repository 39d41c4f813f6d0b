package dev.zennas.latency;

import dev.zennas.arch.Expansion;
import dev.zennas.arch.Layer;
import dev.zennas.arch.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One timed operation of a deployed network's eval-mode forward, as the latency table keys it: a kind, input and
 * output widths, kernel, stride and the input side length. A super block (any type, bottleneck, kernel, number of
 * sub-layers) is the sum of its layers' operations, so one table covers every block of both search spaces.
 *
 * @param kind   what runs
 * @param in     input channels (for the head: feature channels)
 * @param out    output channels (for the head: classes; for element-wise kinds equal to {@code in})
 * @param kernel kernel side (1 for element-wise kinds)
 * @param stride stride (1 for element-wise kinds)
 * @param side   input side length
 */
public record LayerOp(Kind kind, int in, int out, int kernel, int stride, int side) {

    /** Operation kinds. */
    public enum Kind {
        /** A dense convolution (the projection shortcut's bias is too small to matter). */
        CONV,
        /** A depthwise convolution. */
        DWCONV,
        /** Eval-mode batch norm. */
        BN,
        RELU,
        /** The in-place residual add. */
        ADD,
        /** Squeeze-and-excitation: pool, two 1×1 convs with BN, ReLU, sigmoid, scale. */
        SE,
        /** Global average pool, flatten, linear. */
        HEAD;

        /** Kinds whose cost depends on one width only. */
        public boolean oneWidth() {
            return this != CONV && this != HEAD;
        }
    }

    /** The table group this operation interpolates in: kind, kernel, stride and side. */
    public String group() {
        return kind.name().toLowerCase(Locale.ROOT) + "|k" + kernel + "|s" + stride + "|r" + side;
    }

    /** The group without the side: what is interpolated over resolutions. */
    public String family() {
        return kind.name().toLowerCase(Locale.ROOT) + "|k" + kernel + "|s" + stride;
    }

    /** The full key of a table entry. */
    public String key() {
        return group() + "|" + in + "|" + out;
    }

    /** Output side length (padding (k−1)/2). */
    public int outSide() {
        return (side + stride - 1) / stride;
    }

    /**
     * The work that scales the time inside a group: multiply-accumulates for convolutions, elements otherwise (per
     * image). Beyond the measured widths a time is extrapolated in proportion to it.
     */
    public double work() {
        double pixels = (double) outSide() * outSide();
        return switch (kind) {
            case CONV -> (double) in * out * kernel * kernel * pixels;
            case DWCONV -> (double) in * kernel * kernel * pixels;
            case HEAD -> (double) in * side * side + (double) in * out;
            default -> in * pixels;
        };
    }

    /** Bytes of weights (FP32) the operation reads: what a forward streams from memory at batch 1. */
    public double weightBytes() {
        return 4.0 * switch (kind) {
            case CONV -> (double) in * out * kernel * kernel;
            case DWCONV -> (double) in * kernel * kernel;
            case HEAD -> (double) in * out + out;
            case BN -> 4.0 * in;
            case SE -> 2.0 * in * Math.max(1, Math.rint(in * 0.25)) + 4.0 * in;
            default -> 0;
        };
    }

    public static LayerOp conv(int in, int out, int kernel, int stride, int side) {
        return new LayerOp(Kind.CONV, in, out, kernel, stride, side);
    }

    public static LayerOp dwconv(int channels, int kernel, int stride, int side) {
        return new LayerOp(Kind.DWCONV, channels, channels, kernel, stride, side);
    }

    public static LayerOp elementwise(Kind kind, int channels, int side) {
        return new LayerOp(kind, channels, channels, 1, 1, side);
    }

    public static LayerOp head(int channels, int classes, int side) {
        return new LayerOp(Kind.HEAD, channels, classes, 1, 1, side);
    }

    /** The operations of the deployed network (residual links; SE when {@code se}) at input side {@code resolution}. */
    public static List<LayerOp> of(Structure s, int resolution, int numClasses, boolean se) {
        List<LayerOp> ops = new ArrayList<>();
        int[] state = {resolution, s.inChannels()};
        for (Layer l : Expansion.of(s, true, se)) add(l, state, ops);
        ops.add(head(state[1], numClasses, state[0]));
        return ops;
    }

    private static void add(Layer l, int[] state, List<LayerOp> ops) {
        int side = state[0];
        if (l instanceof Layer.Conv c) {
            ops.add(c.depthwise() ? dwconv(c.in(), c.kernel(), c.stride(), side) : conv(c.in(), c.out(), c.kernel(), c.stride(), side));
            state[0] = (side + c.stride() - 1) / c.stride();
            state[1] = c.out();
        } else if (l instanceof Layer.BatchNorm b) {
            ops.add(elementwise(Kind.BN, b.channels(), side));
        } else if (l instanceof Layer.Relu) {
            ops.add(elementwise(Kind.RELU, state[1], side));
        } else if (l instanceof Layer.SqueezeExcite e) {
            ops.add(elementwise(Kind.SE, e.channels(), side));
        } else if (l instanceof Layer.Projection p) {
            ops.add(conv(p.in(), p.out(), 1, p.stride(), side));
            state[0] = (side + p.stride() - 1) / p.stride();
            state[1] = p.out();
            ops.add(elementwise(Kind.BN, p.out(), state[0]));
        } else if (l instanceof Layer.Residual r) {
            int[] inner = state.clone();
            for (Layer x : r.inner()) add(x, inner, ops);
            if (r.shortcut() != null) add(r.shortcut(), state.clone(), ops);
            state[0] = inner[0];
            state[1] = inner[1];
            ops.add(elementwise(Kind.ADD, state[1], state[0]));
        } else {
            throw new IllegalArgumentException("no latency operation for layer " + l);
        }
    }
}
