package dev.zennas.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The two CIFAR datasets in their binary distribution layout. The layout facts (folder, file names, record format,
 * records per file) live here so that {@link CifarDataset} can check every file against them before trusting it.
 */
public enum CifarKind {
    /** 10 classes; folder {@code cifar-10-batches-bin}: {@code data_batch_1..5.bin}, {@code test_batch.bin}. */
    CIFAR10("cifar10", "CIFAR-10", 10, "cifar-10-batches-bin", 1,
            List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5"), 10_000,
            "test_batch", 10_000),
    /**
     * 100 classes; folder {@code cifar-100-binary}: {@code train.bin}, {@code test.bin}. A record starts with the
     * coarse (superclass) label and then the fine label; the fine label is the one used.
     */
    CIFAR100("cifar100", "CIFAR-100", 100, "cifar-100-binary", 2, List.of("train"), 50_000, "test", 10_000);

    /** Bytes of one image: 3 planes (R, G, B) of 32×32, row-major. */
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    /** Number of coarse classes of CIFAR-100 (its first label byte). */
    static final int CIFAR100_COARSE_CLASSES = 20;

    private final String id;
    private final String displayName;
    private final int numClasses;
    private final String directory;
    private final int labelBytes;
    private final List<String> trainFiles;
    private final int recordsPerTrainFile;
    private final String testFile;
    private final int testRecords;

    CifarKind(String id, String displayName, int numClasses, String directory, int labelBytes, List<String> trainFiles,
            int recordsPerTrainFile, String testFile, int testRecords) {
        this.id = id;
        this.displayName = displayName;
        this.numClasses = numClasses;
        this.directory = directory;
        this.labelBytes = labelBytes;
        this.trainFiles = trainFiles;
        this.recordsPerTrainFile = recordsPerTrainFile;
        this.testFile = testFile;
        this.testRecords = testRecords;
    }

    /** Number of (fine) classes. */
    public int numClasses() {
        return numClasses;
    }

    /** Folder below the data root that holds the binary files. */
    public String directory() {
        return directory;
    }

    /** Short id, as accepted by {@link #parse(String)} ({@code cifar10}, {@code cifar100}). */
    public String id() {
        return id;
    }

    /** Human-readable name ({@code CIFAR-10}, {@code CIFAR-100}). */
    public String displayName() {
        return displayName;
    }

    /** Bytes of one record: label byte(s) followed by {@link #IMAGE_BYTES} pixel bytes. */
    public int recordBytes() {
        return labelBytes + IMAGE_BYTES;
    }

    /** Label bytes in front of each image (1 for CIFAR-10; 2 for CIFAR-100: coarse, then fine). */
    int labelBytes() {
        return labelBytes;
    }

    /** Base names (without {@code .bin}) of the files of one split, in record order. */
    List<String> files(boolean train) {
        return train ? trainFiles : List.of(testFile);
    }

    /** Records each file of the split holds in the official distribution. */
    int recordsPerFile(boolean train) {
        return train ? recordsPerTrainFile : testRecords;
    }

    /**
     * Parses a dataset name: {@code cifar10} or {@code cifar100}, case-insensitive; {@code -} and {@code _} are
     * ignored, so {@code CIFAR-10} works too.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static CifarKind parse(String name) {
        if (name != null) {
            String n = name.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            for (CifarKind k : values()) {
                if (k.id.equals(n)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown CIFAR dataset '" + name + "'; valid names: "
                + Arrays.stream(values()).map(CifarKind::id).collect(Collectors.joining(", ")));
    }
}
