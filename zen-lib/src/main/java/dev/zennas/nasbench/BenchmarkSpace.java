package dev.zennas.nasbench;

import dev.zennas.data.NasBenchData;
import dev.zennas.data.Nb201Row;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The two benchmark search spaces, addressed by official architecture index, with their ground-truth accuracy
 * definitions (the first target of each space is the standard one).
 */
public enum BenchmarkSpace {
    /** NAS-Bench-201 = NATS-Bench topology space, 15,625 cells. */
    NB201("nb201", 15_625, List.of("test_acc", "naslib_acc_s888", "test_acc_1seed")),
    /** NATS-Bench size space, 32,768 width configurations. */
    NATS_SSS("nats-sss", NatsSssArch.SIZE, List.of("valid_acc"));

    private final String id;
    private final int size;
    private final List<String> targets;

    BenchmarkSpace(String id, int size, List<String> targets) {
        this.id = id;
        this.size = size;
        this.targets = targets;
    }

    /** {@code nb201} or {@code nats-sss}. */
    public String id() {
        return id;
    }

    /** Number of architectures. */
    public int size() {
        return size;
    }

    /**
     * Accuracy definitions available for this space. NB201: {@code test_acc} (mean over seeds, 200 epochs; the
     * standard target), {@code naslib_acc_s888} (NASLib/Suite-Zero's val_accuracy), {@code test_acc_1seed}.
     * NATS-SSS: {@code valid_acc} (x-valid at 90 epochs, seed 777).
     */
    public List<String> targets() {
        return targets;
    }

    /** The standard accuracy definition. */
    public String defaultTarget() {
        return targets.get(0);
    }

    /** Parses {@code nb201}, {@code nats-sss} (also {@code nats_sss}, {@code sss}, {@code nats-tss}). */
    public static BenchmarkSpace parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "nb201", "nas-bench-201", "nasbench201", "nats-tss", "tss" -> NB201;
            case "nats-sss", "sss", "natssss" -> NATS_SSS;
            default -> throw new IllegalArgumentException("unknown search space '" + name + "'; expected one of "
                    + Arrays.stream(values()).map(BenchmarkSpace::id).collect(Collectors.joining(", ")));
        };
    }

    /** Architecture string of {@code index}. */
    public String archString(int index) {
        checkIndex(index);
        return this == NB201 ? NasBenchData.nb201().get(index).archStr() : NatsSssArch.ofIndex(index).toString();
    }

    /** Proxy target of {@code index} built for {@code dataset}. */
    public BenchmarkTarget target(int index, BenchmarkDataset dataset) {
        checkIndex(index);
        return this == NB201 ? new Nb201Target(NasBenchData.nb201().get(index).cell(), dataset)
                : new NatsSssTarget(NatsSssArch.ofIndex(index), dataset);
    }

    /** Exact analytic cost of {@code index} for {@code dataset}. */
    public NetworkCost cost(int index, BenchmarkDataset dataset) {
        checkIndex(index);
        return this == NB201 ? NetworkCost.nb201(NasBenchData.nb201().get(index).cell(), dataset)
                : NetworkCost.natsSss(NatsSssArch.ofIndex(index), dataset);
    }

    /** False only for the 341 NB201 cells without an input→output path. */
    public boolean isConnected(int index) {
        checkIndex(index);
        return this != NB201 || NasBenchData.nb201().get(index).cellConnected();
    }

    /** Ground-truth accuracy (%) of {@code index} on {@code dataset} under {@code target} (see {@link #targets()}). */
    public double accuracy(int index, BenchmarkDataset dataset, String target) {
        checkIndex(index);
        if (this == NATS_SSS) {
            if (!target.equals("valid_acc")) {
                throw new IllegalArgumentException("NATS-SSS has only the target valid_acc, not '" + target + "'");
            }
            return NasBenchData.natsSss().get(index).validAcc().get(dataset);
        }
        Nb201Row r = NasBenchData.nb201().get(index);
        return switch (target) {
            case "test_acc" -> r.testAcc().get(dataset);
            case "naslib_acc_s888" -> r.naslibAccS888().get(dataset);
            case "test_acc_1seed" -> r.testAcc1Seed().get(dataset);
            default -> throw new IllegalArgumentException("unknown NB201 target '" + target + "'; expected one of "
                    + targets);
        };
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(id + " architecture index must be in [0, " + size + "), got " + index);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
