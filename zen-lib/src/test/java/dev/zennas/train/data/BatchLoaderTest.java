package dev.zennas.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zennas.data.CifarDataset;
import dev.zennas.data.CifarKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batches from the real CIFAR-10 test split (its first 520 records, exact images). */
class BatchLoaderTest {
    private static CifarDataset data;

    @BeforeAll
    static void load() {
        data = CifarDataset.load(CifarKind.CIFAR10, false).first(520);
    }

    private static List<Batch> all(BatchLoader loader) {
        List<Batch> out = new ArrayList<>();
        try (loader) {
            while (loader.hasNext()) {
                out.add(loader.next());
            }
        }
        return out;
    }

    private static void assertSame(List<Batch> a, List<Batch> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).images()).as("images of batch %d", i).isEqualTo(b.get(i).images());
            assertThat(a.get(i).targets()).as("targets of batch %d", i).isEqualTo(b.get(i).targets());
            assertThat(a.get(i).labels()).as("labels of batch %d", i).isEqualTo(b.get(i).labels());
        }
    }

    private static float[] normalised(int record) {
        float[] out = new float[CifarKind.IMAGE_BYTES];
        Augmenter.normalise(data.pixels(), record, out);
        return out;
    }

    @Test
    void seedsAreDeterministicAndPositionSensitive() {
        assertThat(Seeds.derive(1, 2, 3)).isEqualTo(Seeds.derive(1, 2, 3));
        assertThat(Seeds.derive(1, 2, 3)).isNotEqualTo(Seeds.derive(1, 3, 2));
        assertThat(Seeds.derive(1, 2, 3)).isNotEqualTo(Seeds.derive(2, 2, 3));
        assertThat(Seeds.derive(1, 2)).isNotEqualTo(Seeds.derive(1, 2, 0));
        Set<Long> distinct = new HashSet<>();
        for (int e = 0; e < 100; e++) {
            for (int p = 0; p < 100; p++) {
                distinct.add(Seeds.derive(7, 2, e, p));
            }
        }
        assertThat(distinct).hasSize(10_000);
    }

    @Test
    void evalCoversEveryRecordOnceInOrder() {
        List<Batch> batches = all(BatchLoader.eval(data, 128, false));
        assertThat(batches).hasSize(5);
        assertThat(batches.stream().mapToInt(Batch::size).toArray()).containsExactly(128, 128, 128, 128, 8);
        int record = 0;
        for (Batch b : batches) {
            assertThat(b.numClasses()).isEqualTo(10);
            assertThat(b.images()).hasSize(b.size() * 3072);
            for (int i = 0; i < b.size(); i++, record++) {
                assertThat(b.labels()[i]).isEqualTo(data.label(record));
                assertThat(Arrays.copyOfRange(b.images(), i * 3072, (i + 1) * 3072)).isEqualTo(normalised(record));
                for (int c = 0; c < 10; c++) {
                    assertThat(b.targets()[i * 10 + c]).isEqualTo(c == data.label(record) ? 1f : 0f);
                }
            }
        }
        assertThat(record).isEqualTo(520);
        try (BatchLoader l = BatchLoader.eval(data, 520, false)) {
            assertThat(l.batches()).isEqualTo(1);
        }
    }

    @Test
    void trainingEpochIsASeededPermutationWithDropLast() {
        List<Batch> batches = all(BatchLoader.train(data, AugmentSettings.none(), 64, 11, 0, false, 0));
        assertThat(batches).hasSize(8); // 520 / 64, the last 8 records dropped
        int[] order = BatchLoader.epochOrder(520, 11, 0);
        assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 520)
                .toArray());
        for (int b = 0; b < batches.size(); b++) {
            for (int i = 0; i < 64; i++) {
                int record = order[b * 64 + i];
                assertThat(batches.get(b).labels()[i]).isEqualTo(data.label(record));
                assertThat(Arrays.copyOfRange(batches.get(b).images(), i * 3072, (i + 1) * 3072))
                        .isEqualTo(normalised(record));
            }
        }
        assertThat(BatchLoader.epochOrder(520, 11, 1)).isNotEqualTo(order);
        assertThat(BatchLoader.epochOrder(520, 12, 0)).isNotEqualTo(order);
    }

    @Test
    void sameSeedAndEpochGiveIdenticalBatchesWithOrWithoutPrefetch() {
        AugmentSettings paper = AugmentSettings.paper();
        List<Batch> sync = all(BatchLoader.train(data, paper, 64, 5, 3, false, 0));
        assertSame(all(BatchLoader.train(data, paper, 64, 5, 3, false, 0)), sync);
        assertSame(all(BatchLoader.train(data, paper, 64, 5, 3, false, 1)), sync);
        assertSame(all(BatchLoader.train(data, paper, 64, 5, 3, false, 3)), sync);

        // Resuming: batch b is the same whether or not the batches before it were built.
        try (BatchLoader fresh = BatchLoader.train(data, paper, 64, 5, 3, false, 0)) {
            Batch b5 = fresh.build(5);
            assertThat(b5.images()).isEqualTo(sync.get(5).images());
            assertThat(b5.targets()).isEqualTo(sync.get(5).targets());
        }

        List<Batch> otherEpoch = all(BatchLoader.train(data, paper, 64, 5, 4, false, 0));
        assertThat(otherEpoch.get(0).labels()).isNotEqualTo(sync.get(0).labels());
        List<Batch> otherSeed = all(BatchLoader.train(data, paper, 64, 6, 3, false, 0));
        assertThat(otherSeed.get(0).images()).isNotEqualTo(sync.get(0).images());
    }

    @Test
    void channelsLastHoldsTheSameValuesTransposed() {
        AugmentSettings paper = AugmentSettings.paper();
        List<Batch> nchw = all(BatchLoader.train(data, paper, 32, 9, 1, false, 0));
        List<Batch> nhwc = all(BatchLoader.train(data, paper, 32, 9, 1, true, 1));
        assertThat(nhwc.get(0).channelsLast()).isTrue();
        assertThat(nchw.get(0).channelsLast()).isFalse();
        for (int b = 0; b < nchw.size(); b++) {
            float[] a = nchw.get(b).images();
            float[] t = nhwc.get(b).images();
            for (int i = 0; i < 32; i++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            float v = a[i * 3072 + c * 1024 + y * 32 + x];
                            assertThat(t[i * 3072 + (y * 32 + x) * 3 + c]).isEqualTo(v);
                        }
                    }
                }
            }
            assertThat(nhwc.get(b).targets()).isEqualTo(nchw.get(b).targets());
        }
        Batch evalLast = all(BatchLoader.eval(data, 512, true)).get(1);
        float[] rec512 = normalised(512);
        assertThat(evalLast.images()[3 * 5 + 2]).isEqualTo(rec512[2 * 1024 + 5]);
    }

    @Test
    void labelSmoothingGivesExactSoftTargets() {
        AugmentSettings smooth = AugmentSettings.none().withLabelSmoothing(0.1);
        Batch b = all(BatchLoader.train(data, smooth, 50, 2, 0, false, 0)).get(0);
        float on = (float) (1 - 0.1 + 0.1 / 10);
        float off = (float) (0.1 / 10);
        assertThat(on).isEqualTo(0.91f);
        assertThat(off).isEqualTo(0.01f);
        for (int i = 0; i < b.size(); i++) {
            double sum = 0;
            for (int c = 0; c < 10; c++) {
                float t = b.targets()[i * 10 + c];
                assertThat(t).isEqualTo(c == b.labels()[i] ? on : off);
                sum += t;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void mixupBlendsImagesAndTargetsWithOnePermutation() {
        AugmentSettings base = new AugmentSettings(true, 4, true, false, false, 0.5, 0.0, false, 0.2);
        AugmentSettings mixed = base.withMixup(true);
        long seed = 21;
        int epoch = 2;
        List<Batch> plain = all(BatchLoader.train(data, base, 64, seed, epoch, false, 0));
        List<Batch> mix = all(BatchLoader.train(data, mixed, 64, seed, epoch, false, 0));
        Set<Double> lambdas = new HashSet<>();
        for (int b = 0; b < plain.size(); b++) {
            double lambda = BatchLoader.mixupLambda(seed, epoch, b, 0.2);
            assertThat(lambda).isBetween(0.0, 1.0);
            lambdas.add(lambda);
            int[] perm = BatchLoader.mixupPermutation(seed, epoch, b, 64);
            float l = (float) lambda;
            float r = (float) (1 - lambda);
            Batch p = plain.get(b);
            Batch m = mix.get(b);
            assertThat(m.labels()).as("hard labels are those before mixup").isEqualTo(p.labels());
            for (int i = 0; i < 64; i++) {
                for (int j = 0; j < 3072; j += 97) {
                    assertThat(m.images()[i * 3072 + j])
                            .isEqualTo(l * p.images()[i * 3072 + j] + r * p.images()[perm[i] * 3072 + j]);
                }
                double sum = 0;
                for (int c = 0; c < 10; c++) {
                    float expected = (c == p.labels()[i] ? l : 0f) + (c == p.labels()[perm[i]] ? r : 0f);
                    if (p.labels()[i] == p.labels()[perm[i]] && c == p.labels()[i]) {
                        expected = l * 1f + r * 1f;
                    }
                    assertThat(m.targets()[i * 10 + c]).isCloseTo(expected, within(1e-6f));
                    sum += m.targets()[i * 10 + c];
                }
                assertThat(sum).isCloseTo(1.0, within(1e-6));
            }
        }
        assertThat(lambdas).hasSize(plain.size());
        // Beta(0.2, 0.2) puts most mass near 0 and 1.
        long extreme = java.util.stream.IntStream.range(0, 200)
                .mapToDouble(b -> BatchLoader.mixupLambda(1, 0, b, 0.2)).filter(x -> x < 0.1 || x > 0.9).count();
        assertThat(extreme).isGreaterThan(100);
    }

    @Test
    void smoothingThenMixupTargetsSumToOne() {
        Batch b = all(BatchLoader.train(data, AugmentSettings.paper(), 64, 3, 0, false, 0)).get(0);
        for (int i = 0; i < b.size(); i++) {
            double sum = 0;
            for (int c = 0; c < 10; c++) {
                float t = b.targets()[i * 10 + c];
                assertThat(t).isGreaterThanOrEqualTo(0.01f * 0.999f);
                sum += t;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void argumentsAreCheckedAndCloseStopsTheLoader() {
        assertThatThrownBy(() -> BatchLoader.train(data, AugmentSettings.paper(), 0, 1, 0, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> BatchLoader.train(data, AugmentSettings.paper(), 521, 1, 0, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> BatchLoader.train(data, AugmentSettings.paper(), 8, 1, 0, false, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefetchThreads");
        assertThatThrownBy(() -> BatchLoader.train(data, null, 8, 1, 0, false, 0))
                .isInstanceOf(IllegalArgumentException.class);

        BatchLoader l = BatchLoader.train(data, AugmentSettings.basic(), 100, 1, 0, false, 2);
        assertThat(l.batches()).isEqualTo(5);
        l.next();
        l.close();
        l.close();
        assertThatThrownBy(l::next).isInstanceOf(IllegalStateException.class);

        try (BatchLoader e = BatchLoader.eval(data, 600, false)) {
            e.next();
            assertThat(e.hasNext()).isFalse();
            assertThatThrownBy(e::next).isInstanceOf(NoSuchElementException.class);
        }
    }
}
