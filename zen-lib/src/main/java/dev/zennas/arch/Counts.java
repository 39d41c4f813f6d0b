package dev.zennas.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * Analytic parameter and FLOP counts of a structure (no tensors), under the two rules of conventions §3.6.
 *
 * <ul>
 *   <li><b>Code rule</b> ({@link #paramsCode()}, {@link #flopsCode()}): what the official search checks budgets
 *       with — residual network, no SE, BN counted as C params, Linear bias as 1, projection FLOPs at
 *       (r_out / s)², integer floor divisions for conv FLOPs (conventions T10).</li>
 *   <li><b>Deployed</b> ({@link #params()}, {@link #flops()}): the true tensor parameter count of the deployed
 *       network (SE if requested, projections with bias and BN, BN = 2C, FC bias = classes) and a ptflops-like MAC
 *       count: what {@code ptflops} counts on the official modules — convs at their true resolution incl.
 *       projections and SE, affine BN as 2·numel, pooling, FC with bias. PlainNet's functional ReLU and the residual
 *       adds are not modules, so ptflops (and this count) skips them. This reproduces the README/paper FLOPs
 *       column (e.g. CIFAR-1M 162.8M vs "162M", 900M-SE 925.8M vs paper Table 7 "926M").</li>
 * </ul>
 * FLOPs are multiply-accumulates, as in the paper. Code-rule FLOPs are a {@code double} because the official
 * projection term uses float division; for the released nets it is integral.
 */
public final class Counts {
    private final Structure structure;
    private final int resolution;
    private final int numClasses;
    private final boolean se;
    private final long paramsCode;
    private final double flopsCode;
    private final long params;
    private final double flops;
    private final long paramsCodeSe;
    private final double flopsCodeSe;
    private final long paramsNoResidual;
    private final double flopsNoResidual;
    private final int batchNormsResidual;
    private final int batchNormsPlain;
    private final List<BlockCounts> blocks;

    /** Per-block counts and shapes: one row of the block table. */
    public record BlockCounts(int index, SuperBlock block, int inResolution, int outResolution, long paramsCode,
                              double flopsCode, long params, double flops) {}

    private Counts(Structure s, int resolution, int numClasses, boolean se) {
        if (resolution <= 0) throw new IllegalArgumentException("resolution must be positive, got " + resolution);
        if (numClasses <= 0) throw new IllegalArgumentException("number of classes must be positive, got " + numClasses);
        this.structure = s;
        this.resolution = resolution;
        this.numClasses = numClasses;
        this.se = se;
        List<BlockCounts> rows = new ArrayList<>();
        Tally code = new Tally(resolution, s.inChannels());
        Tally deployed = new Tally(resolution, s.inChannels());
        Tally plain = new Tally(resolution, s.inChannels());
        Tally codeSe = new Tally(resolution, s.inChannels());
        int bnRes = 0;
        int bnPlain = 0;
        for (int i = 0; i < s.size(); i++) {
            SuperBlock b = s.block(i);
            int r0 = code.r;
            long p0 = code.params;
            double f0 = code.flops;
            long dp0 = deployed.params;
            double df0 = deployed.flops;
            List<Layer> residualNoSe = Expansion.of(b, true, false);
            code.walk(residualNoSe, Rule.CODE);
            deployed.walk(se ? Expansion.of(b, true, true) : residualNoSe, Rule.DEPLOYED);
            List<Layer> noRes = Expansion.of(b, false, false);
            plain.walk(noRes, Rule.CODE);
            codeSe.walk(se ? Expansion.of(b, true, true) : residualNoSe, Rule.CODE);
            bnRes += countBatchNorms(residualNoSe);
            bnPlain += countBatchNorms(noRes);
            rows.add(new BlockCounts(i, b, r0, code.r, code.params - p0, code.flops - f0, deployed.params - dp0,
                    deployed.flops - df0));
        }
        int last = s.outChannels();
        // Head: global average pool + Linear(last, classes) with bias.
        code.params += (long) last * numClasses + 1;
        code.flops += (double) last * numClasses;
        plain.params += (long) last * numClasses + 1;
        codeSe.params += (long) last * numClasses + 1;
        codeSe.flops += (double) last * numClasses;
        plain.flops += (double) last * numClasses;
        deployed.params += (long) last * numClasses + numClasses;
        deployed.flops += (double) last * deployed.r * deployed.r + (double) last * numClasses + numClasses;
        this.paramsCode = code.params;
        this.flopsCode = code.flops;
        this.params = deployed.params;
        this.flops = deployed.flops;
        this.paramsCodeSe = codeSe.params;
        this.flopsCodeSe = codeSe.flops;
        this.paramsNoResidual = plain.params;
        this.flopsNoResidual = plain.flops;
        this.batchNormsResidual = bnRes;
        this.batchNormsPlain = bnPlain;
        this.blocks = List.copyOf(rows);
    }

    /** Counts at an input resolution for a number of classes, with or without SE in the deployed network. */
    public static Counts of(Structure s, int resolution, int numClasses, boolean se) {
        return new Counts(s, resolution, numClasses, se);
    }

    /** Counts without SE. */
    public static Counts of(Structure s, int resolution, int numClasses) {
        return new Counts(s, resolution, numClasses, false);
    }

    public Structure structure() { return structure; }
    public int resolution() { return resolution; }
    public int numClasses() { return numClasses; }
    public boolean se() { return se; }

    /** Code-rule params of the residual network without SE: what {@code budget_model_size} is checked against. */
    public long paramsCode() { return paramsCode; }

    /** Code-rule FLOPs (MACs) of the residual network without SE: what {@code budget_flops} is checked against. */
    public double flopsCode() { return flopsCode; }

    /** Code-rule params of the deployed network, SE included when requested (the official {@code get_model_size()} with SE). */
    public long paramsCodeDeployed() { return paramsCodeSe; }

    /** Code-rule FLOPs of the deployed network, SE included when requested. */
    public double flopsCodeDeployed() { return flopsCodeSe; }

    /** True tensor parameter count of the deployed network (with SE if requested). */
    public long params() { return params; }

    /** ptflops-like MACs of the deployed network (with SE if requested). */
    public double flops() { return flops; }

    /** Code-rule params of the no-residual network: the {@code Params} proxy. */
    public long paramsNoResidual() { return paramsNoResidual; }

    /** Code-rule FLOPs of the no-residual network: the {@code Flops} proxy. */
    public double flopsNoResidual() { return flopsNoResidual; }

    /** Layers as the search counts them (Σ sub_layers). */
    public int layers() { return structure.layers(); }

    /** Number of BatchNorm layers of the residual (deployed, no SE) or no-residual (proxy) network. */
    public int batchNormLayers(boolean residual) {
        return residual ? batchNormsResidual : batchNormsPlain;
    }

    public List<BlockCounts> blocks() { return blocks; }

    /** Spatial size of the pre-GAP feature map. */
    public int outResolution() {
        return blocks.get(blocks.size() - 1).outResolution();
    }

    private static int countBatchNorms(List<Layer> layers) {
        int n = 0;
        for (Layer l : layers) {
            if (l instanceof Layer.BatchNorm) n++;
            else if (l instanceof Layer.Residual res) n += countBatchNorms(res.inner()) + (res.shortcut() != null ? 1 : 0);
            else if (l instanceof Layer.SqueezeExcite) n += 2;
        }
        return n;
    }

    private enum Rule { CODE, DEPLOYED }

    /** Running totals while walking layers: resolution r and channels c of the current tensor. */
    private static final class Tally {
        int r;
        int c;
        long params;
        double flops;

        Tally(int r, int c) {
            this.r = r;
            this.c = c;
        }

        void walk(List<Layer> layers, Rule rule) {
            for (Layer l : layers) step(l, rule);
        }

        private void step(Layer layer, Rule rule) {
            if (layer instanceof Layer.Conv conv) {
                    long k2 = (long) conv.kernel() * conv.kernel();
                    int rOut = r / conv.stride();
                    if (rule == Rule.CODE) {
                        long s2 = (long) conv.stride() * conv.stride();
                        if (conv.depthwise()) {
                            flops += (double) ((conv.in() * k2 * r * r) / s2);
                            params += conv.in() * k2;
                        } else {
                            flops += (double) (((long) conv.in() * conv.out() * k2 * r * r / s2) / conv.groups());
                            params += (long) conv.in() * conv.out() * k2 / conv.groups();
                        }
                    } else {
                        long perOut = (long) (conv.in() / conv.groups()) * k2;
                        flops += (double) conv.out() * rOut * rOut * perOut;
                        params += perOut * conv.out();
                    }
                    r = rOut;
                    c = conv.out();
            } else if (layer instanceof Layer.BatchNorm bn) {
                    if (rule == Rule.CODE) {
                        flops += (double) r * r * bn.channels();
                        params += bn.channels();
                    } else {
                        flops += 2.0 * r * r * bn.channels(); // ptflops: numel x2 for affine BN
                        params += 2L * bn.channels();
                    }
            } else if (layer instanceof Layer.Relu) {
                    // PlainNet's ReLU is a functional wrapper that ptflops does not count.
            } else if (layer instanceof Layer.SqueezeExcite se) {
                    long ch = se.channels();
                    long w = se.width();
                    params += ch * w + 2 * w + w * ch + 2 * ch;
                    if (rule == Rule.CODE) {
                        flops += (double) (ch * w + w * ch + ch) + (double) ch * r * r;
                    } else {
                        // ptflops modules: pool, two 1x1 convs, two affine BNs, nn.ReLU (sigmoid and product are not counted)
                        flops += (double) ch * r * r + ch * w + 2 * w + w + w * ch + 2 * ch;
                    }
            } else if (layer instanceof Layer.Residual res) {
                    int rIn = r;
                    int cIn = c;
                    walk(res.inner(), rule);
                    Layer.Projection p = res.shortcut();
                    if (p != null) {
                        if (rule == Rule.CODE) {
                            double side = (double) r / p.stride(); // r is already the output resolution (conventions T10)
                            flops += p.in() * (double) p.out() * side * side + side * side * p.out();
                            params += (long) p.in() * p.out() + p.out();
                        } else {
                            int rOut = rIn / p.stride();
                            double area = (double) rOut * rOut;
                            flops += area * p.out() * cIn + area * p.out() + 2 * area * p.out();
                            params += (long) p.in() * p.out() + p.out() + 2L * p.out();
                        }
                    }
                } else {
                throw new IllegalStateException("projection outside a residual unit");
            }
        }
    }
}
