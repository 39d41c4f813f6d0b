package dev.zennas.train.data;

import dev.zennas.data.CifarDataset;
import dev.zennas.data.CifarKind;
import dev.zennas.util.Futures;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * The batches of one epoch, built from a {@link CifarDataset} with the training augmentation ({@link #train}) or
 * without ({@link #eval}).
 *
 * <p>Each batch is a pure function of (dataset, settings, seed, epoch, batch index): the epoch's record order is a
 * permutation seeded by (seed, epoch); each image's augmentation draws from a generator seeded by (seed, epoch,
 * position in the epoch); mixup's λ and partner permutation from (seed, epoch, batch index). So batch b of epoch e is
 * the same whatever was computed before — a run resumed at an epoch start reproduces it exactly — and building
 * batches ahead on background threads cannot change them.
 *
 * <p>With {@code prefetchThreads > 0}, batches are built ahead on that many daemon threads, at most
 * {@code prefetchThreads + 2} batches in flight or waiting (a bounded queue, so memory stays small); {@link #next()}
 * hands them out in order. With 0 everything runs on the caller's thread. Not thread-safe: one consumer.
 * {@link #close()} stops the background threads; use try-with-resources.
 */
public final class BatchLoader implements AutoCloseable {
    /** Independent random streams of a run, one tag each, so they never share a seed. */
    private static final long STREAM_ORDER = 1;
    private static final long STREAM_IMAGE = 2;
    private static final long STREAM_MIXUP_LAMBDA = 3;
    private static final long STREAM_MIXUP_PERMUTATION = 4;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final CifarDataset data;
    /** Null for evaluation. */
    private final AugmentSettings aug;
    private final Augmenter augmenter;
    private final int batchSize;
    private final long seed;
    private final int epoch;
    private final boolean channelsLast;
    /** Record index at each position of the epoch. */
    private final int[] order;
    private final int batches;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> ahead = new ArrayDeque<>();
    private final int depth;
    private int submitted;
    private int delivered;
    private boolean closed;

    private BatchLoader(CifarDataset data, AugmentSettings aug, int batchSize, long seed, int epoch,
            boolean channelsLast, int prefetchThreads) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (prefetchThreads < 0) {
            throw new IllegalArgumentException("prefetchThreads must be 0 (synchronous) or more, got "
                    + prefetchThreads);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be 0 or more, got " + epoch);
        }
        this.data = data;
        this.aug = aug;
        this.augmenter = aug == null ? null : new Augmenter(aug);
        this.batchSize = batchSize;
        this.seed = seed;
        this.epoch = epoch;
        this.channelsLast = channelsLast;
        if (aug != null) {
            if (batchSize > data.size()) {
                throw new IllegalArgumentException("batchSize " + batchSize + " exceeds the " + data.size()
                        + " records of " + data.describe() + " (training drops the last partial batch)");
            }
            this.order = epochOrder(data.size(), seed, epoch);
            this.batches = data.size() / batchSize;
        } else {
            this.order = null;
            this.batches = (data.size() + batchSize - 1) / batchSize;
        }
        if (prefetchThreads > 0) {
            this.pool = Executors.newFixedThreadPool(prefetchThreads, r -> {
                Thread t = new Thread(r, "cifar-prefetch-" + THREAD_IDS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.depth = prefetchThreads + 2;
            topUp();
        } else {
            this.pool = null;
            this.depth = 0;
        }
    }

    /**
     * Training batches of one epoch: seeded order, {@code drop_last}, augmentation per {@code aug}.
     *
     * @param batchSize images per batch; the last partial batch is dropped
     * @param seed the run seed
     * @param epoch the epoch (0-based), which selects the order and every random draw
     * @param channelsLast NHWC images instead of NCHW
     * @param prefetchThreads background threads building batches ahead; 0 = build on the caller's thread
     * @throws IllegalArgumentException for a non-positive batch size, a batch larger than the dataset, a negative
     *     epoch or thread count
     */
    public static BatchLoader train(CifarDataset data, AugmentSettings aug, int batchSize, long seed, int epoch,
            boolean channelsLast, int prefetchThreads) {
        if (aug == null) {
            throw new IllegalArgumentException("aug must not be null (use AugmentSettings.none())");
        }
        return new BatchLoader(data, aug, batchSize, seed, epoch, channelsLast, prefetchThreads);
    }

    /** Test batches in record order, no augmentation, one-hot targets, the last partial batch included. */
    public static BatchLoader eval(CifarDataset data, int batchSize, boolean channelsLast) {
        return new BatchLoader(data, null, batchSize, 0, 0, channelsLast, 0);
    }

    /** Number of batches this epoch. */
    public int batches() {
        return batches;
    }

    public boolean hasNext() {
        return delivered < batches;
    }

    /**
     * The next batch.
     *
     * @throws NoSuchElementException after the last batch
     * @throws IllegalStateException after {@link #close()}
     */
    public Batch next() {
        if (closed) {
            throw new IllegalStateException("the loader is closed");
        }
        if (!hasNext()) {
            throw new NoSuchElementException("all " + batches + " batches of the epoch were delivered");
        }
        Batch b;
        if (pool == null) {
            b = build(delivered);
        } else {
            topUp();
            b = await(ahead.poll());
            topUp();
        }
        delivered++;
        if (pool != null && delivered == batches) {
            pool.shutdown(); // nothing left to build: let the threads end even if the caller never closes
        }
        return b;
    }

    /** Stops the background threads (batches not yet taken are discarded). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pool != null) {
            for (Future<Batch> f : ahead) {
                f.cancel(true);
            }
            ahead.clear();
            pool.shutdownNow();
        }
    }

    private void topUp() {
        while (submitted < batches && ahead.size() < depth) {
            final int b = submitted++;
            ahead.add(pool.submit(() -> build(b)));
        }
    }

    private static Batch await(Future<Batch> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            throw Futures.failure(e, cause -> new IllegalStateException("building a batch failed: " + cause, cause));
        } catch (CancellationException e) {
            throw new IllegalStateException("the loader is closed", e);
        }
    }

    /** Batch {@code b}: a pure function of the loader's inputs and b. */
    Batch build(int b) {
        boolean train = aug != null;
        int start = b * batchSize;
        int n = train ? batchSize : Math.min(batchSize, data.size() - start);
        int k = data.numClasses();
        byte[] pixels = data.pixels();
        float[] images = new float[n * CifarKind.IMAGE_BYTES];
        float[] targets = new float[n * k];
        int[] labels = new int[n];
        float[] chw = new float[CifarKind.IMAGE_BYTES];
        for (int i = 0; i < n; i++) {
            int position = start + i;
            int record = train ? order[position] : position;
            labels[i] = data.label(record);
            if (train) {
                augmenter.augment(pixels, record, new SplitMix64(Seeds.derive(seed, STREAM_IMAGE, epoch, position)),
                        chw);
            } else {
                Augmenter.normalise(pixels, record, chw);
            }
            store(chw, images, i, channelsLast);
        }
        double eps = train ? aug.labelSmoothing() : 0;
        float off = (float) (eps / k);
        float on = (float) (1 - eps + eps / k);
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(targets, i * k, (i + 1) * k, off);
            targets[i * k + labels[i]] = on;
        }
        if (train && aug.mixup()) {
            double lambda = mixupLambda(seed, epoch, b, aug.mixupAlpha());
            int[] perm = mixupPermutation(seed, epoch, b, n);
            images = mix(images, CifarKind.IMAGE_BYTES, lambda, perm);
            targets = mix(targets, k, lambda, perm);
        }
        return new Batch(images, targets, labels, n, k, channelsLast);
    }

    /** Copies one CHW image into slot {@code i} of the batch, transposing to HWC when channels-last. */
    static void store(float[] chw, float[] images, int i, boolean channelsLast) {
        int base = i * CifarKind.IMAGE_BYTES;
        if (!channelsLast) {
            System.arraycopy(chw, 0, images, base, chw.length);
            return;
        }
        int plane = Augmenter.PLANE;
        for (int p = 0; p < plane; p++) {
            images[base + 3 * p] = chw[p];
            images[base + 3 * p + 1] = chw[plane + p];
            images[base + 3 * p + 2] = chw[2 * plane + p];
        }
    }

    /** Row i of the result = λ row i + (1 − λ) row perm[i], in float. */
    static float[] mix(float[] rows, int width, double lambda, int[] perm) {
        float l = (float) lambda;
        float r = (float) (1 - lambda);
        float[] out = new float[rows.length];
        for (int i = 0; i < perm.length; i++) {
            int a = i * width;
            int p = perm[i] * width;
            for (int j = 0; j < width; j++) {
                out[a + j] = l * rows[a + j] + r * rows[p + j];
            }
        }
        return out;
    }

    /** The record order of an epoch: a permutation seeded by (seed, epoch). */
    static int[] epochOrder(int size, long seed, int epoch) {
        return new SplitMix64(Seeds.derive(seed, STREAM_ORDER, epoch)).permutation(size);
    }

    /** Mixup's λ ~ Beta(α, α) for one batch (commons-math's sampler, seeded by (seed, epoch, batch)). */
    static double mixupLambda(long seed, int epoch, int batch, double alpha) {
        Well19937c rng = new Well19937c(Seeds.derive(seed, STREAM_MIXUP_LAMBDA, epoch, batch));
        return new BetaDistribution(rng, alpha, alpha).sample();
    }

    /** Mixup's partner of each image of one batch: a permutation seeded by (seed, epoch, batch). */
    static int[] mixupPermutation(long seed, int epoch, int batch, int n) {
        return new SplitMix64(Seeds.derive(seed, STREAM_MIXUP_PERMUTATION, epoch, batch)).permutation(n);
    }
}
