package dev.zennas.nasbench;

/**
 * Analytic cost of a benchmark network, with the NAS-Bench-201 counting rules (conventions, NAS-Bench §2.3): #params
 * counts conv weights, BN γ/β and the classifier (weight + bias), not running statistics; FLOPs count the
 * multiply-accumulates of every convolution plus {@code in·out + out} for the classifier; BN, ReLU, pooling and
 * additions count 0. These equal the benchmark's stored values for every architecture (tested on all 48,393 rows).
 *
 * @param params exact parameter count
 * @param flopsM FLOPs in millions (NB201 convention)
 * @param batchNormLayers number of BatchNorm layers (the Zen-Score sums one log term per BN layer)
 */
public record NetworkCost(long params, double flopsM, int batchNormLayers) {

    /** Cost of the network {@code spec} built for {@code dataset} (resolution and class count). */
    public static NetworkCost of(MacroSpec spec, BenchmarkDataset dataset) {
        return of(spec, dataset.resolution(), dataset.numClasses());
    }

    /** Cost at input resolution {@code resolution} with {@code numClasses} outputs. */
    public static NetworkCost of(MacroSpec spec, int resolution, int numClasses) {
        Counter n = new Counter();
        int h = resolution;
        n.conv(3, spec.stemChannels(), 3, h);
        n.bn(spec.stemChannels());
        for (MacroSpec.Layer layer : spec.layers()) {
            if (layer.kind() == MacroSpec.Kind.RES_BLOCK) {
                h = (h + 1) / 2; // 3×3, stride 2, padding 1
                n.conv(layer.in(), layer.out(), 3, h);
                n.bn(layer.out());
                n.conv(layer.out(), layer.out(), 3, h);
                n.bn(layer.out());
                n.conv(layer.in(), layer.out(), 1, h); // shortcut after AvgPool2×2: no BN
            } else {
                cell(n, spec.genotype(), layer.in(), layer.out(), h);
            }
        }
        int c = spec.headChannels();
        n.bn(c);
        n.params += (long) c * numClasses + numClasses;
        n.macs += (double) c * numClasses + numClasses;
        return new NetworkCost(n.params, n.macs / 1e6, n.bns);
    }

    /** NB201 cost of {@code cell} for {@code dataset}. */
    public static NetworkCost nb201(Nb201Cell cell, BenchmarkDataset dataset) {
        return of(MacroSpec.nb201(cell), dataset);
    }

    /** NATS-SSS cost of {@code arch} for {@code dataset}. */
    public static NetworkCost natsSss(NatsSssArch arch, BenchmarkDataset dataset) {
        return of(MacroSpec.natsSss(arch), dataset);
    }

    private static void cell(Counter n, Nb201Cell g, int cin, int cout, int h) {
        for (int e = 0; e < 6; e++) {
            // Edges leaving the cell input map Cin→Cout; edges between inner nodes map Cout→Cout (conventions, NAS-Bench §3.2).
            int in = Nb201Cell.from(e) == 0 ? cin : cout;
            Nb201Op op = g.edges().get(e);
            switch (op) {
                case NOR_CONV_1X1, NOR_CONV_3X3 -> {
                    n.conv(in, cout, op.kernel(), h);
                    n.bn(cout);
                }
                case SKIP_CONNECT, AVG_POOL_3X3 -> {
                    if (in != cout) { // projection / ReLUConvBN 1×1 preprocess
                        n.conv(in, cout, 1, h);
                        n.bn(cout);
                    }
                }
                case NONE -> {
                }
            }
        }
    }

    private static final class Counter {
        long params;
        double macs;
        int bns;

        void conv(int in, int out, int k, int hOut) {
            params += (long) k * k * in * out;
            macs += (double) hOut * hOut * out * in * k * k;
        }

        void bn(int c) {
            params += 2L * c;
            bns++;
        }
    }
}
