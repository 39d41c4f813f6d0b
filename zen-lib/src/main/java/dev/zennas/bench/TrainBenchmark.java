package dev.zennas.bench;

import com.google.gson.JsonObject;
import dev.zennas.arch.ArchSource;
import dev.zennas.train.Trainer;
import dev.zennas.train.TrainRecipe;
import dev.zennas.train.data.Batch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Training throughput of the fast path (and of the Block API path it must match) on random CIFAR-shaped batches,
 * beside our PyTorch reference training step run in the same environment: forward, label-smoothed cross-entropy,
 * backward, SGD with Nesterov momentum and weight decay, batch-norm in train mode.
 */
public final class TrainBenchmark {

    /**
     * One side-by-side measurement.
     *
     * @param arch               what was trained
     * @param batch              images per step
     * @param threads            libtorch intra-op threads (both sides)
     * @param steps              timed steps per side
     * @param imagesPerSecond    ours, fast path (median step)
     * @param blockApiImagesPerSecond ours through the Block API (NaN when skipped)
     * @param torchImagesPerSecond PyTorch reference in its faster layout (NaN without the reference)
     * @param torchLayout        the layout PyTorch was fastest in
     * @param torchVersion       the reference's torch version
     * @param cpuSecondsPerStep  ours: median process CPU seconds per step (robust to foreign load)
     * @param torchCpuSecondsPerStep the reference's, in its faster layout
     */
    public record Result(String arch, int batch, int threads, int steps, double imagesPerSecond,
                         double blockApiImagesPerSecond, double torchImagesPerSecond, String torchLayout,
                         String torchVersion, double cpuSecondsPerStep, double torchCpuSecondsPerStep) {
        /** ours / PyTorch (≥ 1 means at least as fast). */
        public double ratio() {
            return imagesPerSecond / torchImagesPerSecond;
        }
    }

    private TrainBenchmark() {
    }

    /** Measures ours (and the Block API unless {@code blockApi} is false), then the reference unless python is empty. */
    public static Result run(String arch, int batch, int steps, int warmup, boolean blockApi, Optional<String> python,
                             int threads) throws IOException {
        ArchSource.Resolved a = ArchSource.resolve(arch);
        TrainRecipe recipe = TrainRecipe.basic().withBatchSize(batch);
        int classes = a.defaultClasses();
        int res = a.defaultResolution();
        List<Batch> batches = randomBatches(batch, classes, res, recipe.channelsLast(), 4);
        double fast;
        double cpu;
        double block = Double.NaN;
        try (Trainer t = Trainer.create(a.structure(), recipe, res, classes, a.defaultSe(), 0)) {
            double[] wallCpu = timeSteps(t, batches, steps, warmup, false);
            fast = batch / wallCpu[0];
            cpu = wallCpu[1];
            if (blockApi) {
                block = batch / timeSteps(t, batches, Math.max(2, steps / 2), 1, true)[0];
            }
        }
        double torch = Double.NaN;
        double torchCpu = Double.NaN;
        String layout = "";
        String version = "";
        if (python.isPresent()) {
            Path script = PythonReference.findScript("train_reference.py");
            JsonObject o = PythonReference.run(python.get(), script, List.of("--mode", "speed", "--arch", arch,
                    "--batch", String.valueOf(batch), "--steps", String.valueOf(steps),
                    "--warmup", String.valueOf(warmup), "--threads", String.valueOf(threads), "--layout", "both"));
            version = o.has("torch") ? o.get("torch").getAsString() : "";
            JsonObject layouts = o.getAsJsonObject("layouts");
            double cl = layouts.getAsJsonObject("channels_last").get("images_per_second").getAsDouble();
            double nchw = layouts.getAsJsonObject("nchw").get("images_per_second").getAsDouble();
            torch = Math.max(cl, nchw);
            layout = cl >= nchw ? "channels_last" : "nchw";
            torchCpu = layouts.getAsJsonObject(layout).get("cpu_s_per_step").getAsDouble();
        }
        return new Result(a.label(), batch, threads, steps, fast, block, torch, layout, version, cpu, torchCpu);
    }

    /**
     * Median wall seconds and median process CPU seconds per step over {@code steps} timed steps after
     * {@code warmup} untimed ones.
     */
    static double[] timeSteps(Trainer t, List<Batch> batches, int steps, int warmup, boolean blockApi) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] secs = new double[steps];
        double[] cpu = new double[steps];
        for (int i = -warmup; i < steps; i++) {
            Batch b = batches.get(Math.floorMod(i, batches.size()));
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            if (blockApi) {
                t.blockApiLossAndGradients(b);
                t.optimizer().step(0.01);
            } else {
                t.step(b, 0.01);
            }
            if (i >= 0) {
                secs[i] = (System.nanoTime() - t0) / 1e9;
                cpu[i] = (os.getProcessCpuTime() - c0) / 1e9;
            }
        }
        return new double[] {ProxyBenchmark.median(secs), ProxyBenchmark.median(cpu)};
    }

    /** Batches of N(0,1) images with one-hot-ish smoothed targets, seeded. */
    public static List<Batch> randomBatches(int batch, int classes, int res, boolean channelsLast, int count) {
        SplittableRandom rng = new SplittableRandom(42);
        List<Batch> list = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            float[] images = new float[batch * 3 * res * res];
            for (int i = 0; i < images.length; i++) {
                images[i] = (float) gaussian(rng);
            }
            float[] targets = new float[batch * classes];
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = rng.nextInt(classes);
                for (int c = 0; c < classes; c++) {
                    targets[i * classes + c] = (float) (c == labels[i] ? 0.9 + 0.1 / classes : 0.1 / classes);
                }
            }
            list.add(new Batch(images, targets, labels, batch, classes, channelsLast));
        }
        return list;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
