package dev.zennas.data;

import dev.zennas.nasbench.BenchmarkDataset;

/**
 * One value per benchmark dataset (CIFAR-10, CIFAR-100, ImageNet16-120).
 */
public record PerDataset(double cifar10, double cifar100, double imagenet16) {

    /** The value for {@code dataset}. */
    public double get(BenchmarkDataset dataset) {
        return switch (dataset) {
            case CIFAR10 -> cifar10;
            case CIFAR100 -> cifar100;
            case IMAGENET16 -> imagenet16;
        };
    }

    static PerDataset read(CsvFile csv, int row, String prefix, String suffix) {
        return new PerDataset(csv.real(row, prefix + "cifar10" + suffix), csv.real(row, prefix + "cifar100" + suffix),
                csv.real(row, prefix + "imagenet16" + suffix));
    }
}
