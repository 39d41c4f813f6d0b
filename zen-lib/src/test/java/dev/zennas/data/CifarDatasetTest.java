package dev.zennas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIFAR-10 is checked against the real files in the shared data folder (golden values: the first labels and the
 * first red bytes of train record 0, which match the original distribution); CIFAR-100 and the error cases use small
 * synthetic files written here.
 */
class CifarDatasetTest {
    private static final int[] FIRST_TRAIN_LABELS = {6, 9, 9, 4, 1, 1, 2, 7, 8, 3, 4, 7, 7, 2, 9, 9, 9, 3, 2, 6};
    private static final int[] FIRST_TEST_LABELS = {3, 8, 8, 0, 6, 6, 1, 6, 3, 1, 0, 9, 5, 7, 9, 8, 5, 7, 8, 6};
    private static final int[] TRAIN0_RED = {59, 43, 50, 68, 98, 119, 139, 145, 149, 149, 131, 125, 142, 144, 137, 129};

    private static CifarDataset train;
    private static CifarDataset test;

    @BeforeAll
    static void loadRealData() {
        train = CifarDataset.load(CifarKind.CIFAR10, true);
        test = CifarDataset.load(CifarKind.CIFAR10, false);
    }

    @Test
    void kindParsesNamesAndListsValidOnes() {
        assertThat(CifarKind.parse("cifar10")).isEqualTo(CifarKind.CIFAR10);
        assertThat(CifarKind.parse("CIFAR100")).isEqualTo(CifarKind.CIFAR100);
        assertThat(CifarKind.parse("Cifar-10")).isEqualTo(CifarKind.CIFAR10);
        assertThat(CifarKind.CIFAR10.numClasses()).isEqualTo(10);
        assertThat(CifarKind.CIFAR100.numClasses()).isEqualTo(100);
        assertThat(CifarKind.CIFAR10.directory()).isEqualTo("cifar-10-batches-bin");
        assertThat(CifarKind.CIFAR100.directory()).isEqualTo("cifar-100-binary");
        assertThatThrownBy(() -> CifarKind.parse("mnist")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mnist").hasMessageContaining("cifar10, cifar100");
        assertThatThrownBy(() -> CifarKind.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cifar10RecordCountsAndGoldenValues() {
        assertThat(train.size()).isEqualTo(50_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.pixels()).hasSize(50_000 * 3072);
        assertThat(train.numClasses()).isEqualTo(10);
        assertThat(train.train()).isTrue();
        assertThat(test.train()).isFalse();
        for (int i = 0; i < FIRST_TRAIN_LABELS.length; i++) {
            assertThat(train.label(i)).as("train label %d", i).isEqualTo(FIRST_TRAIN_LABELS[i]);
            assertThat(test.label(i)).as("test label %d", i).isEqualTo(FIRST_TEST_LABELS[i]);
        }
        for (int i = 0; i < TRAIN0_RED.length; i++) {
            assertThat(train.pixels()[i] & 0xff).as("red byte %d of train record 0", i).isEqualTo(TRAIN0_RED[i]);
        }
        assertThat(classCounts(train)).containsOnly(5_000);
        assertThat(classCounts(test)).containsOnly(1_000);
        // Test records after 999 are grouped by class: 1000 is the first airplane, the last one is a truck.
        assertThat(test.label(1000)).isZero();
        assertThat(test.label(9999)).isEqualTo(9);
        assertThat(train.sourceIndices()).startsWith(0, 1, 2).endsWith(49_999);
        assertThat(train.describe()).isEqualTo("CIFAR-10 train, 50000 records");
        assertThat(test.describe()).isEqualTo("CIFAR-10 test, 10000 records");
    }

    @Test
    void firstKeepsTheLeadingRecords() {
        CifarDataset sub = train.first(4000);
        assertThat(sub.size()).isEqualTo(4000);
        assertThat(sub.describe()).isEqualTo("CIFAR-10 train, 4000 of 50000 records (first 4000)");
        assertThat(sub.sourceIndices()).hasSize(4000).startsWith(0, 1).endsWith(3999);
        for (int i = 0; i < 20; i++) {
            assertThat(sub.label(i)).isEqualTo(FIRST_TRAIN_LABELS[i]);
        }
        assertThat(Arrays.copyOf(sub.pixels(), 4000 * 3072)).isEqualTo(Arrays.copyOf(train.pixels(), 4000 * 3072));
        assertThat(train.first(50_000)).isSameAs(train);
        assertThatThrownBy(() -> train.first(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and 50000");
        assertThatThrownBy(() -> train.first(50_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void balancedSubsetsAreEvenSeededAndInOrder() {
        CifarDataset a = train.balanced(1000, 7);
        assertThat(classCounts(a)).containsOnly(100);
        assertThat(a.describe()).isEqualTo("CIFAR-10 train, 1000 of 50000 records (class-balanced, seed 7)");
        int[] idx = a.sourceIndices();
        for (int i = 1; i < idx.length; i++) {
            assertThat(idx[i]).isGreaterThan(idx[i - 1]);
        }
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.label(i)).isEqualTo(train.label(idx[i]));
            assertThat(Arrays.copyOfRange(a.pixels(), i * 3072, i * 3072 + 3072))
                    .isEqualTo(Arrays.copyOfRange(train.pixels(), idx[i] * 3072, idx[i] * 3072 + 3072));
        }
        assertThat(train.balanced(1000, 7).sourceIndices()).isEqualTo(idx);
        assertThat(train.balanced(1000, 8).sourceIndices()).isNotEqualTo(idx);

        // 1005 = 10 * 100 + 5: five classes (chosen by the seed) get one extra record.
        CifarDataset b = train.balanced(1005, 3);
        int[] counts = classCounts(b);
        assertThat(Arrays.stream(counts).filter(c -> c == 101).count()).isEqualTo(5);
        assertThat(Arrays.stream(counts).filter(c -> c == 100).count()).isEqualTo(5);
        assertThat(classCounts(train.balanced(1005, 3))).isEqualTo(counts);

        // A subset of a subset names both steps and maps back to the original indices.
        CifarDataset c = train.first(4000).balanced(40, 1);
        assertThat(classCounts(c)).containsOnly(4);
        assertThat(c.describe()).isEqualTo("CIFAR-10 train, 40 of 50000 records (class-balanced, seed 1 of first 4000)");
        assertThat(Arrays.stream(c.sourceIndices()).max().getAsInt()).isLessThan(4000);

        assertThatThrownBy(() -> test.first(20).balanced(20, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class");
    }

    @Test
    void plainAndGzipFilesGiveTheSameRecords(@TempDir Path dir) throws IOException {
        Path gz = DataPaths.find(CifarKind.CIFAR10.directory()).resolve("test_batch.bin.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.write(dir.resolve("test_batch.bin"), in.readAllBytes());
        }
        CifarDataset plain = CifarDataset.load(CifarKind.CIFAR10, false, dir);
        assertThat(plain.size()).isEqualTo(10_000);
        assertThat(plain.pixels()).isEqualTo(test.pixels());
        for (int i = 0; i < plain.size(); i++) {
            assertThat(plain.label(i)).isEqualTo(test.label(i));
        }
        // Gzip is recognised by its magic bytes, not by the file name.
        Files.copy(gz, dir.resolve("test_batch.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(CifarDataset.load(CifarKind.CIFAR10, false, dir).pixels()).isEqualTo(test.pixels());
    }

    @Test
    void cifar100UsesTheFineLabel(@TempDir Path dir) throws IOException {
        int n = 6;
        byte[] trainBytes = cifar100Records(n, 0);
        Files.write(dir.resolve("train.bin"), trainBytes);
        writeGzip(dir.resolve("test.bin.gz"), cifar100Records(n, 50));
        CifarDataset tr = CifarDataset.load(CifarKind.CIFAR100, true, dir, n);
        CifarDataset te = CifarDataset.load(CifarKind.CIFAR100, false, dir, n);
        assertThat(tr.size()).isEqualTo(n);
        assertThat(tr.numClasses()).isEqualTo(100);
        for (int i = 0; i < n; i++) {
            assertThat(tr.label(i)).isEqualTo(fineLabel(i, 0));
            assertThat(te.label(i)).isEqualTo(fineLabel(i, 50));
            assertThat(tr.pixels()[i * 3072] & 0xff).isEqualTo(i);
            assertThat(tr.pixels()[i * 3072 + 3071] & 0xff).isEqualTo(200 + i);
        }
        assertThat(tr.describe()).isEqualTo("CIFAR-100 train, 6 records");

        // The official record count is enforced by the public overload.
        assertThatThrownBy(() -> CifarDataset.load(CifarKind.CIFAR100, true, dir))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("train.bin")
                .hasMessageContaining("holds 6 records, expected 50000");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> CifarDataset.load(CifarKind.CIFAR10, true, dir))
                .isInstanceOf(DataNotFoundException.class).hasMessageContaining("data_batch_1.bin")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void malformedFilesGiveOneLineNamingFileAndProblem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("test_batch.bin");
        Files.write(file, new byte[3073 * 2 + 5]);
        assertThatThrownBy(() -> CifarDataset.load(CifarKind.CIFAR10, false, dir, 2))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("6151 bytes, not a whole number of 3073-byte records")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        Files.write(file, new byte[3073 * 3]);
        assertThatThrownBy(() -> CifarDataset.load(CifarKind.CIFAR10, false, dir, 2))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("holds 3 records, expected 2");

        byte[] badLabel = new byte[3073 * 2];
        badLabel[3073] = 10;
        Files.write(file, badLabel);
        assertThatThrownBy(() -> CifarDataset.load(CifarKind.CIFAR10, false, dir, 2))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("record 1 has label 10, expected 0..9");

        // A truncated gzip stream.
        Files.delete(file);
        Path gz = dir.resolve("test_batch.bin.gz");
        writeGzip(gz, new byte[3073 * 2]);
        byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(whole, whole.length - 12));
        assertThatThrownBy(() -> CifarDataset.load(CifarKind.CIFAR10, false, dir, 2))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining(gz.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        // CIFAR-100: coarse labels are checked too.
        byte[] c100 = cifar100Records(2, 0);
        c100[0] = 20;
        Files.write(dir.resolve("test.bin"), c100);
        assertThatThrownBy(() -> CifarDataset.load(CifarKind.CIFAR100, false, dir, 2))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("coarse label 20");
    }

    private static int fineLabel(int i, int offset) {
        return (7 * i + offset) % 100;
    }

    /** Records with coarse label i % 20, fine label (7i + offset) % 100, first pixel i and last pixel 200 + i. */
    private static byte[] cifar100Records(int n, int offset) {
        byte[] b = new byte[n * 3074];
        for (int i = 0; i < n; i++) {
            b[i * 3074] = (byte) (i % 20);
            b[i * 3074 + 1] = (byte) fineLabel(i, offset);
            b[i * 3074 + 2] = (byte) i;
            b[i * 3074 + 3073] = (byte) (200 + i);
        }
        return b;
    }

    private static void writeGzip(Path file, byte[] data) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(data);
        }
    }

    private static int[] classCounts(CifarDataset d) {
        int[] counts = new int[d.numClasses()];
        for (int i = 0; i < d.size(); i++) {
            counts[d.label(i)]++;
        }
        return counts;
    }
}
