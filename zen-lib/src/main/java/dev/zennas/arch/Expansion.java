package dev.zennas.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands super blocks into their leaf layers exactly as the official {@code PlainNet} does (conventions §3.3, §3.4).
 *
 * <p>With {@code residual = true} the result is the deployed network: residual units carry a projection shortcut on
 * the first sub-layer of every Res block (even at stride 1 and in = out, conventions T8) and an identity otherwise, and a
 * ReLU follows every residual add (conventions T9). With {@code residual = false} each residual unit is replaced by its
 * inner layers, still followed by the ReLU: the network every proxy scores. SE layers appear only when {@code se}.
 */
public final class Expansion {
    private Expansion() {}

    /** The layers of a whole structure, block after block (no GAP/FC head). */
    public static List<Layer> of(Structure s, boolean residual, boolean se) {
        List<Layer> out = new ArrayList<>();
        for (SuperBlock b : s.blocks()) out.addAll(of(b, residual, se));
        return out;
    }

    /** The layers of one super block. */
    public static List<Layer> of(SuperBlock b, boolean residual, boolean se) {
        List<Layer> out = new ArrayList<>();
        int in = b.in();
        int stride = b.stride();
        int k = b.kernel();
        int btn = b.bottleneck();
        for (int i = 0; i < b.subLayers(); i++) {
            switch (b.family()) {
                case CONV -> {
                    out.add(new Layer.Conv(in, b.out(), k, stride, 1));
                    out.add(new Layer.BatchNorm(b.out()));
                    out.add(new Layer.Relu());
                }
                case BASIC -> {
                    List<Layer> inner = new ArrayList<>();
                    convBnRelu(inner, in, btn, k, stride);
                    if (se) inner.add(new Layer.SqueezeExcite(btn));
                    convBn(inner, btn, b.out(), k, 1);
                    unit(out, inner, shortcut(i, in, b.out(), stride), residual);
                }
                case BOTTLENECK -> {
                    List<Layer> first = new ArrayList<>();
                    convBnRelu(first, in, btn, 1, 1);
                    convBnRelu(first, btn, btn, k, stride);
                    if (se) first.add(new Layer.SqueezeExcite(btn));
                    convBn(first, btn, b.out(), 1, 1);
                    unit(out, first, shortcut(i, in, b.out(), stride), residual);
                    List<Layer> second = new ArrayList<>();
                    convBnRelu(second, b.out(), btn, 1, 1);
                    convBnRelu(second, btn, btn, k, 1);
                    if (se) second.add(new Layer.SqueezeExcite(btn));
                    convBn(second, btn, b.out(), 1, 1);
                    unit(out, second, null, residual);
                }
                case INVERTED -> {
                    int e = b.type().expansion();
                    int d1 = Rounding.smartRound((double) btn * e, 8);
                    List<Layer> first = new ArrayList<>();
                    convBnRelu(first, in, d1, 1, 1);
                    depthwiseBnRelu(first, d1, k, stride);
                    if (se) first.add(new Layer.SqueezeExcite(d1));
                    convBn(first, d1, btn, 1, 1);
                    // First sub-layer: ResBlockProj (always projected). Later: ResBlock, projected iff out != btn.
                    Layer.Projection p1 = (i == 0 || in != btn || stride != 1) ? new Layer.Projection(in, btn, stride) : null;
                    unit(out, first, p1, residual);
                    int d2 = Rounding.smartRound((double) b.out() * e, 8);
                    List<Layer> second = new ArrayList<>();
                    convBnRelu(second, btn, d2, 1, 1);
                    depthwiseBnRelu(second, d2, k, 1);
                    if (se) second.add(new Layer.SqueezeExcite(d2));
                    convBn(second, d2, b.out(), 1, 1);
                    unit(out, second, btn != b.out() ? new Layer.Projection(btn, b.out(), 1) : null, residual);
                }
            }
            in = b.out();
            stride = 1;
        }
        return out;
    }

    private static Layer.Projection shortcut(int subLayer, int in, int out, int stride) {
        // ResBlockProj on the first sub-layer; ResBlock (identity: in == out, stride 1) afterwards.
        return subLayer == 0 ? new Layer.Projection(in, out, stride) : null;
    }

    private static void unit(List<Layer> out, List<Layer> inner, Layer.Projection shortcut, boolean residual) {
        if (residual) {
            out.add(new Layer.Residual(inner, shortcut));
        } else {
            out.addAll(inner);
        }
        out.add(new Layer.Relu());
    }

    private static void convBnRelu(List<Layer> out, int in, int o, int k, int s) {
        convBn(out, in, o, k, s);
        out.add(new Layer.Relu());
    }

    private static void convBn(List<Layer> out, int in, int o, int k, int s) {
        out.add(new Layer.Conv(in, o, k, s, 1));
        out.add(new Layer.BatchNorm(o));
    }

    private static void depthwiseBnRelu(List<Layer> out, int c, int k, int s) {
        out.add(new Layer.Conv(c, c, k, s, c));
        out.add(new Layer.BatchNorm(c));
        out.add(new Layer.Relu());
    }
}
