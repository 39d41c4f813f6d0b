import ai.djl.ndarray.NDManager;
import dev.zennas.proxy.ProxyNetwork;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ProxyTarget;
import dev.zennas.proxy.TeNas;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkNetworks;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.nasbench.NatsSssTarget;
import dev.zennas.study.CorrelationStudy;
import java.util.OptionalDouble;

/**
 * Is TE-NAS's sign flip on NATS-SSS (docs/results/nats-sss-correlations.md, "TE-NAS on 100 sampled networks") a matter of input resolution or of class count? Scores every
 * fifth network of the seeded 100-network sample (the study's per-architecture seeds) at 32×32 with 120 classes and at
 * 16×16 with 10 classes, the two combinations no benchmark dataset has. Prints CSV: arch_index, widths, score at
 * 32×32/120, score at 16×16/10. Compare with the study's own scores (`zen correlate --proxy te-nas --sample 100`).
 *
 * <pre>ZEN_DATA=../shared/data java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
 *     -cp 'zen-lib/target/zen-lib.jar:zen-lib/target/lib/*' bench/TenasResolutionProbe.java [networks, at most 20]</pre>
 */
public class TenasResolutionProbe {
    /** A NATS-SSS network with the resolution and class count given here instead of its dataset's. */
    record Swapped(NatsSssTarget base, int res, int classes) implements ProxyTarget {
        public String id() {
            return base.id() + ":r" + res + ":k" + classes;
        }

        public int inputChannels() {
            return 3;
        }

        public int resolution() {
            return res;
        }

        public int numClasses() {
            return classes;
        }

        public ProxyNetwork build(NDManager m, ProxySettings s) {
            BenchmarkNetworks.Network n = BenchmarkNetworks.build(base.spec(), classes);
            return new ProxyNetwork(n.features(), n.head());
        }

        public OptionalDouble analyticParams() {
            return OptionalDouble.empty();
        }

        public OptionalDouble analyticFlops() {
            return OptionalDouble.empty();
        }
    }

    public static void main(String[] args) {
        int networks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int[] idx = CorrelationStudy.builder().space(BenchmarkSpace.NATS_SSS).proxies("params")
                .sample(100).seed(0).build().indices();
        TeNas teNas = new TeNas();
        // the wrapper with CIFAR-10's own resolution and classes must score exactly as the benchmark target does
        NatsSssTarget first = (NatsSssTarget) BenchmarkSpace.NATS_SSS.target(idx[0], BenchmarkDataset.CIFAR10);
        double own = teNas.score(first, settings(idx[0])).mean();
        double wrapped = teNas.score(new Swapped(first, 32, 10), settings(idx[0])).mean();
        if (own != wrapped) {
            throw new IllegalStateException("wrapper differs from the benchmark target: " + wrapped + " vs " + own);
        }
        System.out.println("arch_index,widths,te_nas_32px_120_classes,te_nas_16px_10_classes");
        for (int k = 0; k < Math.min(networks, 20) * 5; k += 5) {
            int i = idx[k];
            NatsSssTarget base = (NatsSssTarget) BenchmarkSpace.NATS_SSS.target(i, BenchmarkDataset.CIFAR10);
            System.out.println(i + "," + base.arch() + "," + teNas.score(new Swapped(base, 32, 120), settings(i)).mean()
                    + "," + teNas.score(new Swapped(base, 16, 10), settings(i)).mean());
        }
    }

    private static ProxySettings settings(int index) {
        return ProxySettings.defaults().withBatchSize(64).withRepeats(1)
                .withSeed(CorrelationStudy.archSeed(0, index));
    }
}
