package dev.zennas.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * One split (train or test) of CIFAR-10 or CIFAR-100, read from the binary distribution files into memory: a label
 * per record and the 3,072 pixel bytes of each image, in the files' planar order (R plane, G plane, B plane, each
 * 32×32 row-major). Keeping the raw bytes (150 MB for 50,000 images) rather than floats keeps the whole set in memory
 * cheaply; augmentation works on bytes anyway.
 *
 * <p>Every file is checked before it is trusted: its decompressed size must be a whole number of records and equal
 * the record count of the official distribution, and every label must be a valid class. A missing file raises
 * {@link DataNotFoundException}, a malformed one {@link MalformedDataException} (one line naming the file and the
 * problem). Each file may be stored plain ({@code .bin}) or gzip-compressed ({@code .bin.gz}); the plain one is used
 * when both exist, and compression is recognised by the gzip magic bytes rather than the name.
 *
 * <p>Subsets ({@link #first(int)}, {@link #balanced(int, long)}) are new datasets that remember the original index
 * of each record ({@link #sourceIndices()}), so experiment ledgers can name exactly which images were used.
 * Instances are immutable and safe to share between threads.
 */
public final class CifarDataset {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    /** Records decoded per read; a 3 MB buffer keeps the per-call overhead of the inflater negligible. */
    private static final int RECORDS_PER_READ = 1024;

    private final CifarKind kind;
    private final boolean train;
    private final byte[] labels;
    private final byte[] pixels;
    private final int[] sourceIndices;
    /** Record count of the split as loaded from the files. */
    private final int sourceSize;
    /** How this subset was chosen; null for the whole split. */
    private final String selection;

    private CifarDataset(CifarKind kind, boolean train, byte[] labels, byte[] pixels, int[] sourceIndices,
            int sourceSize, String selection) {
        this.kind = kind;
        this.train = train;
        this.labels = labels;
        this.pixels = pixels;
        this.sourceIndices = sourceIndices;
        this.sourceSize = sourceSize;
        this.selection = selection;
    }

    /**
     * Loads a split from the data folder, found with {@link DataPaths#find(String)} under {@link CifarKind#directory()}.
     *
     * @throws DataNotFoundException when the folder or one of its files is missing
     * @throws MalformedDataException when a file has the wrong size or an invalid label
     */
    public static CifarDataset load(CifarKind kind, boolean train) {
        return load(kind, train, DataPaths.find(kind.directory()));
    }

    /**
     * Loads a split from {@code dir}, the folder that holds the binary files (e.g. {@code .../cifar-10-batches-bin}).
     *
     * @throws DataNotFoundException when one of the files is missing
     * @throws MalformedDataException when a file has the wrong size or an invalid label
     */
    public static CifarDataset load(CifarKind kind, boolean train, Path dir) {
        return load(kind, train, dir, kind.recordsPerFile(train));
    }

    /**
     * As {@link #load(CifarKind, boolean, Path)}, with the record count of each file given: tests use small synthetic
     * files instead of the 150 MB originals.
     */
    static CifarDataset load(CifarKind kind, boolean train, Path dir, int recordsPerFile) {
        if (recordsPerFile < 1) {
            throw new IllegalArgumentException("recordsPerFile must be positive, got " + recordsPerFile);
        }
        List<String> names = kind.files(train);
        // Resolve every file first, so that a missing one is reported before seconds are spent decompressing.
        Path[] files = names.stream().map(name -> resolve(dir, name)).toArray(Path[]::new);
        int n = Math.multiplyExact(files.length, recordsPerFile);
        byte[] labels = new byte[n];
        byte[] pixels = new byte[Math.multiplyExact(n, CifarKind.IMAGE_BYTES)];
        // Each file fills its own slice, so the files can be decompressed in parallel.
        IntStream.range(0, files.length).parallel()
                .forEach(f -> readFile(kind, files[f], recordsPerFile, labels, pixels, f * recordsPerFile));
        return new CifarDataset(kind, train, labels, pixels, IntStream.range(0, n).toArray(), n, null);
    }

    /** {@code name.bin} when it exists, else {@code name.bin.gz}. */
    private static Path resolve(Path dir, String name) {
        Path plain = dir.resolve(name + ".bin");
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".bin.gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DataNotFoundException(name + ".bin[.gz]", List.of(dir.toAbsolutePath().normalize()));
    }

    /**
     * Reads one file into {@code labels[first..]} and {@code pixels[first*3072..]}, checking record count and labels.
     * Bytes past the expected records are still counted (not stored), so an over-long file is reported with its size.
     */
    private static void readFile(CifarKind kind, Path file, int expectedRecords, byte[] labels, byte[] pixels,
            int first) {
        int recordBytes = kind.recordBytes();
        int labelBytes = kind.labelBytes();
        byte[] buf = new byte[recordBytes * RECORDS_PER_READ];
        long total = 0;
        int record = 0;
        try (InputStream in = open(file)) {
            while (true) {
                int got = in.readNBytes(buf, 0, buf.length);
                if (got == 0) {
                    break;
                }
                total += got;
                int whole = got / recordBytes;
                for (int r = 0; r < whole && record < expectedRecords; r++, record++) {
                    int off = r * recordBytes;
                    labels[first + record] = checkedLabel(kind, file, record, buf, off);
                    System.arraycopy(buf, off + labelBytes, pixels, (first + record) * CifarKind.IMAGE_BYTES,
                            CifarKind.IMAGE_BYTES);
                }
                if (got < buf.length) {
                    break; // readNBytes returns a short count only at the end of the stream
                }
            }
        } catch (IOException e) {
            throw new MalformedDataException(file, "cannot be read (" + e.getClass().getSimpleName() + ": "
                    + oneLine(e.getMessage()) + ")", e);
        }
        if (total % recordBytes != 0) {
            throw new MalformedDataException(file, "holds " + total + " bytes" + (isGzip(file) ? " decompressed" : "")
                    + ", not a whole number of " + recordBytes + "-byte records (" + kind.displayName() + ")");
        }
        long records = total / recordBytes;
        if (records != expectedRecords) {
            throw new MalformedDataException(file, "holds " + records + " records, expected " + expectedRecords
                    + " (" + kind.displayName() + ")");
        }
    }

    private static byte checkedLabel(CifarKind kind, Path file, int record, byte[] buf, int off) {
        if (kind.labelBytes() == 2) {
            int coarse = buf[off] & 0xff;
            if (coarse >= CifarKind.CIFAR100_COARSE_CLASSES) {
                throw new MalformedDataException(file, "record " + record + " has coarse label " + coarse
                        + ", expected 0.." + (CifarKind.CIFAR100_COARSE_CLASSES - 1));
            }
        }
        int label = buf[off + kind.labelBytes() - 1] & 0xff;
        if (label >= kind.numClasses()) {
            throw new MalformedDataException(file, "record " + record + " has label " + label + ", expected 0.."
                    + (kind.numClasses() - 1) + " (" + kind.displayName() + ")");
        }
        return (byte) label;
    }

    /** Opens the file, decompressing when it starts with the gzip magic bytes (whatever its name says). */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            return b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2 ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
        } catch (IOException e) {
            return false;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "no detail" : s.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Number of records. */
    public int size() {
        return labels.length;
    }

    /** Number of classes of the dataset (not only those present in a subset). */
    public int numClasses() {
        return kind.numClasses();
    }

    public CifarKind kind() {
        return kind;
    }

    /** True for the training split, false for the test split. */
    public boolean train() {
        return train;
    }

    /** Label of record {@code i} (the fine label for CIFAR-100). */
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /**
     * All images, {@code size() * 3072} bytes, image {@code i} at offset {@code i * 3072} in the files' planar order
     * (R plane, G plane, B plane, each 32×32 row-major). This is the backing array, not a copy: copying 150 MB per
     * call would cost more than the augmentation it feeds. Callers must not modify it.
     */
    public byte[] pixels() {
        return pixels;
    }

    /** Original record index (position in the split's files) of each record. */
    public int[] sourceIndices() {
        return sourceIndices.clone();
    }

    /**
     * The first {@code n} records: a deterministic subset that needs no seed ({@code n == size()} returns this
     * dataset itself).
     *
     * @throws IllegalArgumentException unless {@code 1 <= n <= size()}
     */
    public CifarDataset first(int n) {
        checkSubsetSize(n);
        if (n == size()) {
            return this;
        }
        int[] rows = IntStream.range(0, n).toArray();
        return select(rows, "first " + n);
    }

    /**
     * A class-balanced subset of {@code n} records chosen with {@code seed}: every class gets {@code n / K} records
     * ({@code K} = number of classes), and the remainder {@code n % K} goes one each to classes picked by the seed.
     * Within a class the records are a seeded random choice. The records keep their relative order (ascending
     * original index for a loaded split), so a subset reads like the file it came from. Uses {@link Random}, whose
     * sequence is fixed by its specification, so the subset is the same on every JVM.
     *
     * @throws IllegalArgumentException unless {@code 1 <= n <= size()}, or when a class has too few records
     */
    public CifarDataset balanced(int n, long seed) {
        checkSubsetSize(n);
        int k = numClasses();
        int[] counts = new int[k];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        int[][] byClass = new int[k][];
        for (int c = 0; c < k; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < size(); i++) {
            int c = label(i);
            byClass[c][fill[c]++] = i;
        }
        Random rng = new Random(seed);
        int[] classOrder = IntStream.range(0, k).toArray();
        shuffle(classOrder, classOrder.length, rng);
        int[] quota = new int[k];
        for (int j = 0; j < k; j++) {
            quota[classOrder[j]] = n / k + (j < n % k ? 1 : 0);
        }
        int[] rows = new int[n];
        int filled = 0;
        for (int c = 0; c < k; c++) {
            if (quota[c] > counts[c]) {
                throw new IllegalArgumentException("a class-balanced subset of " + n + " records needs " + quota[c]
                        + " records of class " + c + ", but " + describe() + " has only " + counts[c]);
            }
            int[] members = byClass[c];
            shuffle(members, quota[c], rng);
            System.arraycopy(members, 0, rows, filled, quota[c]);
            filled += quota[c];
        }
        Arrays.sort(rows);
        return select(rows, "class-balanced, seed " + seed);
    }

    /** Partial Fisher–Yates: after the call, {@code a[0..m)} is a uniform random choice of m elements of {@code a}. */
    private static void shuffle(int[] a, int m, Random rng) {
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void checkSubsetSize(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("subset size must be between 1 and " + size() + " (" + describe()
                    + "), got " + n);
        }
    }

    private CifarDataset select(int[] rows, String how) {
        byte[] subLabels = new byte[rows.length];
        byte[] subPixels = new byte[rows.length * CifarKind.IMAGE_BYTES];
        int[] subSource = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            subLabels[r] = labels[rows[r]];
            subSource[r] = sourceIndices[rows[r]];
            System.arraycopy(pixels, rows[r] * CifarKind.IMAGE_BYTES, subPixels, r * CifarKind.IMAGE_BYTES,
                    CifarKind.IMAGE_BYTES);
        }
        String note = selection == null ? how : how + " of " + selection;
        return new CifarDataset(kind, train, subLabels, subPixels, subSource, sourceSize, note);
    }

    /**
     * One line for logs and ledgers, e.g. {@code CIFAR-10 train, 4000 of 50000 records (first 4000)} or
     * {@code CIFAR-10 test, 10000 records}.
     */
    public String describe() {
        String split = kind.displayName() + (train ? " train" : " test");
        if (selection == null) {
            return split + ", " + size() + " records";
        }
        return split + ", " + size() + " of " + sourceSize + " records (" + selection + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
