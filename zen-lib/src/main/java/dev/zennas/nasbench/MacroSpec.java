package dev.zennas.nasbench;

import java.util.ArrayList;
import java.util.List;

/**
 * The macro skeleton shared by NAS-Bench-201 ("TinyNetwork") and NATS-SSS ("DynamicShapeTinyNet"): a stem
 * (Conv3×3 → BN, no ReLU), a list of cells and stride-2 residual blocks, and a head (BN → ReLU → GAP → Linear).
 * Both the analytic cost model ({@link NetworkCost}) and the DJL builder ({@link BenchmarkNetworks}) walk this one
 * description, so they cannot disagree about the layout.
 *
 * @param genotype the cell genotype used by every cell
 * @param stemChannels output width of the stem
 * @param layers the body, in order
 */
public record MacroSpec(Nb201Cell genotype, int stemChannels, List<Layer> layers) {

    /** One body layer: a cell (stride 1) or a residual reduction block (stride 2). */
    public record Layer(Kind kind, int in, int out) {
        public Layer {
            if (kind == null || in <= 0 || out <= 0) {
                throw new IllegalArgumentException("invalid macro layer " + kind + "(" + in + "," + out + ")");
            }
        }
    }

    /** Kind of a body layer. */
    public enum Kind {
        /** An NB201 cell with the genotype of the spec; stride 1. */
        CELL,
        /** ResBlock: ReLUConvBN(s2) → ReLUConvBN, shortcut AvgPool2×2 → Conv1×1 (no BN), no ReLU after the add. */
        RES_BLOCK
    }

    public MacroSpec {
        if (genotype == null || layers == null || layers.isEmpty() || stemChannels <= 0) {
            throw new IllegalArgumentException("incomplete macro spec");
        }
        layers = List.copyOf(layers);
        int c = stemChannels;
        for (Layer l : layers) {
            if (l.in() != c) {
                throw new IllegalArgumentException("layer " + l + " expects " + l.in() + " input channels, gets " + c);
            }
            c = l.out();
        }
    }

    /** Output width of the last layer (= the head's BN width and the classifier's input). */
    public int headChannels() {
        return layers.get(layers.size() - 1).out();
    }

    /** NAS-Bench-201 TinyNetwork, C = 16, N = 5: 3 stages of 5 cells at widths 16/32/64 with 2 ResBlocks. */
    public static MacroSpec nb201(Nb201Cell cell) {
        List<Layer> layers = new ArrayList<>();
        int c = 16;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                layers.add(new Layer(Kind.RES_BLOCK, c, 2 * c));
                c *= 2;
            }
            for (int i = 0; i < 5; i++) {
                layers.add(new Layer(Kind.CELL, c, c));
            }
        }
        return new MacroSpec(cell, 16, layers);
    }

    /** NATS-SSS network: cell(c0,c0), Res(c0,c1), cell(c1,c2), Res(c2,c3), cell(c3,c4) with the fixed best cell. */
    public static MacroSpec natsSss(NatsSssArch arch) {
        int[] c = arch.channels();
        return new MacroSpec(NatsSssArch.CELL, c[0], List.of(
                new Layer(Kind.CELL, c[0], c[0]),
                new Layer(Kind.RES_BLOCK, c[0], c[1]),
                new Layer(Kind.CELL, c[1], c[2]),
                new Layer(Kind.RES_BLOCK, c[2], c[3]),
                new Layer(Kind.CELL, c[3], c[4])));
    }
}
