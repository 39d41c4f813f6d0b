package dev.zennas.scoring;

import dev.zennas.arch.Structure;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ProxyTarget;
import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import java.io.Serializable;

/**
 * What a work unit scores, as data that crosses JVMs: a Zen-NAS structure string, or a NAS-Bench cell by index. Each
 * JVM turns it into a network with {@link #resolve()}.
 */
public sealed interface TargetRef extends Serializable {

    /** The network to score, built in this JVM. */
    ProxyTarget resolve();

    /** A Zen-NAS structure scored at {@code resolution} with a {@code numClasses}-way head. */
    static TargetRef structure(Structure s, int resolution, int numClasses) {
        return new StructureRef(s.toString(), resolution, numClasses);
    }

    /** Architecture {@code index} of a NAS-Bench space, built for {@code dataset}. */
    static TargetRef benchmark(BenchmarkSpace space, int index, BenchmarkDataset dataset) {
        return new BenchmarkRef(space.id(), index, dataset.id());
    }

    /** A Zen-NAS structure string with its input resolution and classes. */
    record StructureRef(String structure, int resolution, int numClasses) implements TargetRef {
        @Override
        public ProxyTarget resolve() {
            return Proxies.target(Structure.parseUnchecked(structure), resolution, numClasses);
        }
    }

    /** A NAS-Bench-201 or NATS-SSS architecture: space id, index, dataset id. */
    record BenchmarkRef(String space, int index, String dataset) implements TargetRef {
        @Override
        public ProxyTarget resolve() {
            return BenchmarkSpace.parse(space).target(index, BenchmarkDataset.parse(dataset));
        }
    }
}
