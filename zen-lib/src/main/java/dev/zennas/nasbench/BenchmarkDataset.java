package dev.zennas.nasbench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three datasets of NAS-Bench-201 / NATS-Bench, with the input resolution and class count the benchmark
 * networks are built for (conventions, NAS-Bench §2.1).
 */
public enum BenchmarkDataset {
    CIFAR10("cifar10", 10, 32),
    CIFAR100("cifar100", 100, 32),
    /** ImageNet16-120: 16×16 downsampled ImageNet, 120 classes. */
    IMAGENET16("imagenet16", 120, 16);

    private final String id;
    private final int numClasses;
    private final int resolution;

    BenchmarkDataset(String id, int numClasses, int resolution) {
        this.id = id;
        this.numClasses = numClasses;
        this.resolution = resolution;
    }

    /** Short id used in CSV column names and on the command line ({@code cifar10}, {@code cifar100}, {@code imagenet16}). */
    public String id() {
        return id;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Input height = width in pixels. */
    public int resolution() {
        return resolution;
    }

    /**
     * Parses a dataset name. Accepts the ids, the enum names, and the benchmark's own spellings
     * ({@code ImageNet16-120}, {@code in16}, {@code cifar10-valid} maps to CIFAR-10).
     */
    public static BenchmarkDataset parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("dataset must not be null");
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        switch (n) {
            case "cifar10":
            case "cifar10valid":
            case "c10":
                return CIFAR10;
            case "cifar100":
            case "c100":
                return CIFAR100;
            case "imagenet16":
            case "imagenet16120":
            case "in16":
            case "imagenet":
                return IMAGENET16;
            default:
                throw new IllegalArgumentException("unknown dataset '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(BenchmarkDataset::id).collect(Collectors.joining(", ")));
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
