package dev.zennas.nasbench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.zennas.data.NasBenchData;
import dev.zennas.proxy.NetInit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds every network of a benchmark space, allocates its parameter tensors (unfilled, batch-1 shapes, no forward)
 * and compares the tensor parameter count with the benchmark's {@code params_*} column. The unit tests check a
 * seeded sample; this checks all of them:
 * {@code java -cp "zen-lib/target/zen-lib.jar:zen-lib/target/lib/*" dev.zennas.nasbench.ParameterAudit [nb201|nats-sss]}.
 */
public final class ParameterAudit {
    private ParameterAudit() {
    }

    /** One disagreement. */
    public record Mismatch(BenchmarkSpace space, int archIndex, BenchmarkDataset dataset, long tensors, long expected) {
    }

    /**
     * Audits every architecture of {@code space} for {@code dataset}.
     *
     * @param progress receives a line every 2,000 architectures; null = silent
     * @return the mismatches (empty when every count agrees)
     */
    public static List<Mismatch> audit(BenchmarkSpace space, BenchmarkDataset dataset, PrintStream progress) {
        return audit(space, dataset, 0, space.size(), progress);
    }

    /** Audits the architectures {@code from} (inclusive) to {@code to} (exclusive). */
    public static List<Mismatch> audit(BenchmarkSpace space, BenchmarkDataset dataset, int from, int to,
            PrintStream progress) {
        if (from < 0 || to > space.size() || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside [0, " + space.size() + ")");
        }
        List<Mismatch> bad = new ArrayList<>();
        Shape input = new Shape(1, 3, dataset.resolution(), dataset.resolution());
        long start = System.nanoTime();
        try (NDManager base = NDManager.newBaseManager()) {
            for (int i = from; i < to; i++) {
                BenchmarkNetworks.Network net = space == BenchmarkSpace.NB201
                        ? BenchmarkNetworks.nb201(NasBenchData.nb201().get(i).cell(), dataset)
                        : BenchmarkNetworks.natsSss(NatsSssArch.ofIndex(i), dataset);
                long expected = space == BenchmarkSpace.NB201 ? NasBenchData.nb201().get(i).paramsOf(dataset)
                        : NasBenchData.natsSss().get(i).paramsOf(dataset);
                try (NDManager m = base.newSubManager()) {
                    NetInit.prepare(net.features(), m, DataType.FLOAT32, input);
                    NetInit.prepare(net.head(), m, DataType.FLOAT32,
                            net.features().getOutputShapes(new Shape[] {input})[0]);
                    long tensors = net.parameterCount();
                    if (tensors != expected) {
                        bad.add(new Mismatch(space, i, dataset, tensors, expected));
                    }
                }
                if (progress != null && (i + 1 - from) % 2000 == 0) {
                    progress.printf("[audit %s/%s] %d/%d, %d mismatches, %.1f s%n", space.id(), dataset.id(),
                            i + 1 - from, to - from, bad.size(), (System.nanoTime() - start) / 1e9);
                }
            }
        }
        return bad;
    }

    /**
     * Audits the named spaces and datasets (arguments in any order, e.g. {@code nb201 cifar10}; default: both
     * spaces, all three datasets); exit status 1 on any mismatch.
     */
    public static void main(String[] args) {
        List<BenchmarkSpace> spaces = new ArrayList<>();
        List<BenchmarkDataset> datasets = new ArrayList<>();
        for (String a : args) {
            try {
                spaces.add(BenchmarkSpace.parse(a));
            } catch (IllegalArgumentException notASpace) {
                datasets.add(BenchmarkDataset.parse(a));
            }
        }
        if (spaces.isEmpty()) {
            spaces = List.of(BenchmarkSpace.values());
        }
        if (datasets.isEmpty()) {
            datasets = List.of(BenchmarkDataset.values());
        }
        int total = 0;
        for (BenchmarkSpace space : spaces) {
            for (BenchmarkDataset ds : datasets) {
                long t0 = System.nanoTime();
                List<Mismatch> bad = audit(space, ds, System.err);
                total += bad.size();
                System.out.printf("%s %s: %d networks, %d mismatches (%.1f s)%n", space.id(), ds.id(), space.size(),
                        bad.size(), (System.nanoTime() - t0) / 1e9);
                bad.stream().limit(10).forEach(m -> System.out.println("  " + m));
            }
        }
        System.exit(total == 0 ? 0 : 1);
    }
}
