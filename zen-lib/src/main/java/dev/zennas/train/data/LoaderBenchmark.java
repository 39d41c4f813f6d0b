package dev.zennas.train.data;

import dev.zennas.data.CifarDataset;
import dev.zennas.data.CifarKind;
import java.util.Locale;

/**
 * Measures how fast the CIFAR input pipeline runs, to check that it is not the bottleneck of training (a training
 * step takes about 0.6 s per batch of 64, i.e. ~100 images/s; the loader should deliver well over 1,000 images/s
 * with the full augmentation on one thread). Prints the time to load CIFAR-10 train + test, then images/s for the
 * paper and basic settings, synchronous and with one prefetch thread.
 *
 * <p>Usage: {@code java -cp ... dev.zennas.train.data.LoaderBenchmark [batches] [batchSize]} (defaults 200 and 64).
 * The data folder is found as by {@link dev.zennas.data.DataPaths}.
 */
public final class LoaderBenchmark {
    private LoaderBenchmark() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 64;

        long t0 = System.nanoTime();
        CifarDataset train = CifarDataset.load(CifarKind.CIFAR10, true);
        long t1 = System.nanoTime();
        CifarDataset test = CifarDataset.load(CifarKind.CIFAR10, false);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "load %s: %.2f s; %s: %.2f s; total %.2f s (%d cores available)%n",
                train.describe(), (t1 - t0) / 1e9, test.describe(), (t2 - t1) / 1e9, (t2 - t0) / 1e9,
                Runtime.getRuntime().availableProcessors());

        // Warm-up so that the JIT has compiled the hot loops before anything is timed.
        for (AugmentSettings aug : new AugmentSettings[] {AugmentSettings.paper(), AugmentSettings.basic()}) {
            run(train, aug, batches, batchSize, 0, 99);
        }

        for (AugmentSettings aug : new AugmentSettings[] {AugmentSettings.paper(), AugmentSettings.basic()}) {
            for (int threads : new int[] {0, 1}) {
                double rate = run(train, aug, batches, batchSize, threads, 0);
                System.out.printf(Locale.ROOT, "%-45s prefetch %d: %,8.0f images/s (%d batches of %d)%n",
                        aug.describe(), threads, rate, batches, batchSize);
            }
        }
        long e0 = System.nanoTime();
        int seen = 0;
        try (BatchLoader eval = BatchLoader.eval(test, 500, false)) {
            while (eval.hasNext()) {
                seen += eval.next().size();
            }
        }
        System.out.printf(Locale.ROOT, "%-45s            %,8.0f images/s (%d images)%n", "eval (normalise only)",
                seen / ((System.nanoTime() - e0) / 1e9), seen);
    }

    /** Images per second over {@code batches} batches (fewer if the epoch is shorter). */
    private static double run(CifarDataset data, AugmentSettings aug, int batches, int batchSize, int threads,
            int epoch) {
        long start = System.nanoTime();
        int images = 0;
        try (BatchLoader loader = BatchLoader.train(data, aug, batchSize, 1234, epoch, false, threads)) {
            for (int b = 0; b < batches && loader.hasNext(); b++) {
                images += loader.next().size();
            }
        }
        return images / ((System.nanoTime() - start) / 1e9);
    }
}
