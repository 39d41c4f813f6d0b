package dev.zennas.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.DirectForward;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.NetInit;
import dev.zennas.proxy.ExecutionSettings.Passes;
import dev.zennas.proxy.ProxyException;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ProxyTarget;
import dev.zennas.proxy.Seeds;
import dev.zennas.proxy.ZenConvention;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.TargetRef;
import dev.zennas.scoring.WorkUnit;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The Zen-Score's two passes as one batch ([x; x + γ·ε], each BN layer normalising each half with its own
 * statistics) against the two-pass ways, at 1 and 2 libtorch intra-op threads, in one JVM: the variants alternate
 * target by target, round after round, so that a shared machine's load hits all alike. Prints every round's
 * GFLOP/s (2 × counted multiply-accumulates × batch × 2 passes per wall second), the medians beside libtorch's sgemm
 * rate at the same thread count, and the largest relative score difference from the one-thread sequential passes
 * for conventions A, B and C.
 *
 * <p>Run: {@code bench/joint-passes [archs] [rounds] [exactness archs]} (the launcher's JVM and malloc settings).
 */
public final class JointPassBenchmark {

    /** One way to run a score: libtorch intra-op threads and where the two passes run (null: as one batch). */
    public record Variant(String name, int threads, Passes passes) {
        ExecutionSettings execution() {
            return ExecutionSettings.defaults().withPasses(passes);
        }
    }

    /** The variants compared: today's default, and sequential vs joint at 1 and 2 threads. */
    public static final List<Variant> VARIANTS = List.of(
            new Variant("default (1 thread, passes on 2 threads)", 1, Passes.AUTO),
            new Variant("sequential, 1 thread", 1, Passes.SEQUENTIAL),
            new Variant("joint batch, 1 thread", 1, null),
            new Variant("sequential, 2 threads", 2, Passes.SEQUENTIAL),
            new Variant("joint batch, 2 threads", 2, null));

    /**
     * {B, C, H, K} of typical layers: the three NB201 CIFAR stages (3×3 edges) and two of ZenNet-1M's (a 7×7 bottleneck
     * at 32², the 1×1 expansion to 120 channels).
     */
    static final int[][] LAYER_SHAPES = {{64, 16, 32, 3}, {64, 32, 16, 3}, {64, 64, 8, 3}, {64, 16, 32, 7},
            {64, 120, 32, 1}};

    private JointPassBenchmark() {
    }

    /** Seconds per score of every variant in every round, and the workload's GFLOP per score. */
    public record Timing(String workload, double gflopPerScore, double[][] secondsPerScore) {
        double median(int variant) {
            double[] v = new double[secondsPerScore.length];
            for (int r = 0; r < v.length; r++) {
                v[r] = secondsPerScore[r][variant];
            }
            Arrays.sort(v);
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    /** Times every variant on {@code w}, {@code rounds} rounds after one untimed warm-up score per variant. */
    public static Timing time(ForwardBenchmark.Workload w, int batch, int rounds, PrintWriter out) {
        ProxySpec zen = ProxySpec.of("zen").withBatchSize(batch);
        for (Variant v : VARIANTS) {
            score(new WorkUnit(0, w.targets().get(0), zen, 0), v);
        }
        double gflop = 0;
        for (TargetRef t : w.targets()) {
            gflop += t.resolve().analyticFlops().orElse(Double.NaN) * 2.0 * batch * 2 / 1e9;
        }
        gflop /= w.targets().size();
        int n = w.targets().size();
        double[][] seconds = new double[rounds][VARIANTS.size()];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < VARIANTS.size(); k++) {
                    long t0 = System.nanoTime();
                    score(new WorkUnit(i, w.targets().get(i), zen, i), VARIANTS.get(k));
                    seconds[r][k] += (System.nanoTime() - t0) / 1e9 / n;
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s round %d (load %.1f):", w.name(),
                    r + 1, load()));
            for (int k = 0; k < VARIANTS.size(); k++) {
                line.append(String.format(Locale.ROOT, "  %.3f s %.1f GFLOP/s", seconds[r][k], gflop / seconds[r][k]));
            }
            out.println(line);
            out.flush();
        }
        return new Timing(w.name(), gflop, seconds);
    }

    /**
     * Largest |joint − sequential| / |sequential| over the targets' first draws (seed = index), both at one intra-op
     * thread, for the given convention; the draws of a cell whose output is cut off from its input (Δ = 0) must be the
     * same non-finite value both ways. Also returns how many draws were not finite.
     */
    public static double[] maxRelativeDifference(List<TargetRef> targets, int batch, ZenConvention convention) {
        ProxySpec spec = ProxySpec.of("zen").withBatchSize(batch).withConvention(convention);
        ExecutionSettings sequential = ExecutionSettings.defaults().withPasses(Passes.SEQUENTIAL);
        JniUtils.setNumThreads(1);
        double max = 0;
        int nonFinite = 0;
        for (int i = 0; i < targets.size(); i++) {
            ProxyTarget target = targets.get(i).resolve();
            ProxySettings settings = spec.settings(i);
            double a = Scoring.proxy("zen").score(target, settings, sequential).values()[0];
            double b = jointDraw(target, settings);
            if (!Double.isFinite(a)) {
                nonFinite++;
            }
            if (Double.compare(a, b) != 0) {
                max = Math.max(max, Double.isFinite(a) && Double.isFinite(b) ? Math.abs(b - a) / Math.abs(a)
                        : Double.POSITIVE_INFINITY);
            }
        }
        return new double[] {max, nonFinite};
    }

    private static double score(WorkUnit unit, Variant v) {
        JniUtils.setNumThreads(v.threads());
        if (v.passes() == null) {
            return jointDraw(unit.target().resolve(), unit.spec().settings(unit.seed()));
        }
        ScoreResult r = Scoring.compute(unit, v.execution());
        if (r.failed()) {
            throw new ProxyException(r.failure());
        }
        return r.mean();
    }

    /**
     * The first draw of the Zen-Score of {@code target} (as {@code ZenScore} computes it: the same random stream, build,
     * initialisation and reductions) with both passes as one channels-last batch [x; x + γ·ε] of 2B images: every BN
     * layer normalises each half with that half's batch statistics (two libtorch batch norms on the two halves, their
     * outputs joined by one copy), the perturbed half on running statistics of its own, folded into the layers'
     * afterwards; everything else runs once on the joined batch. Networks of our blocks only.
     */
    public static double jointDraw(ProxyTarget target, ProxySettings s) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager manager = NDManager.newBaseManager()) {
            int batch = s.batchSize();
            int channels = target.inputChannels();
            int res = s.resolutionFor(target);
            Block features = target.build(manager, s).features();
            NetInit.prepare(features, manager, DataType.FLOAT32, new Shape(1, channels, res, res));
            SplittableRandom rng = Seeds.forRepeat(s.seed(), 0);
            NetInit.fill(features, rng, NetInit.Scheme.GAUSSIAN, true);
            int n = batch * channels * res * res;
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            float gamma = (float) s.gamma();
            float[] joined = new float[2 * n]; // [2B][H][W][C]: the clean images, then the perturbed ones
            for (int i = 0; i < n; i++) {
                float mixed = x[i] + gamma * (float) rng.nextGaussian();
                int b = i / (channels * res * res);
                int c = i / (res * res) % channels;
                int pixel = i % (res * res);
                int at = (b * res * res + pixel) * channels + c;
                joined[at] = x[i];
                joined[n + at] = mixed;
            }
            int[] next = {0};
            NDArray input = NetInit.create(manager, new Shape(2L * batch, res, res, channels), DataType.FLOAT32,
                    () -> joined[next[0]++]).transpose(0, 3, 1, 2);
            List<BatchNorm2d> bns = DirectForward.batchNorms(features);
            NDArray[][] second = new NDArray[bns.size()][];
            for (int i = 0; i < second.length; i++) {
                second[i] = bns.get(i).freshRunningStats(manager);
            }
            DirectForward forward = new DirectForward(features, true, null, second, true, Double.NaN);
            NDList halves = forward.run(features, input).split(2);
            forward.closeCaches();
            double bnTerm = 0;
            for (int i = 0; i < bns.size(); i++) {
                BatchNorm2d bn = bns.get(i);
                float[] v;
                if (s.convention() == ZenConvention.A) {
                    bn.foldSecondPass(second[i]);
                    v = bn.runningVar().getArray().toFloatArray();
                } else { // the clean half's batch variance, from its running variance started at 1
                    v = bn.runningVar().getArray().toFloatArray();
                    double m = bn.momentum();
                    for (int c = 0; c < v.length; c++) {
                        v[c] = (float) ((v[c] - (1 - m) * 1f) / m);
                    }
                }
                double sum = 0;
                for (float value : v) {
                    sum += value;
                }
                bnTerm += 0.5 * Math.log(sum / v.length);
            }
            NDArray diff = halves.get(0).sub(halves.get(1));
            double delta = s.convention() == ZenConvention.C
                    ? diff.toType(DataType.FLOAT64, false).square().sum(new int[] {1, 2, 3}).sqrt().mean().getDouble()
                    : diff.abs().toType(DataType.FLOAT64, false).sum().getDouble() / batch;
            return Math.log(delta) + bnTerm;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * Where the joint batch gains and loses, one layer at a time (channels-last, the calling thread's intra-op threads,
     * median of {@code repeats} interleaved runs): a K×K convolution C→C once on 2B images against twice on B, and the
     * per-half batch norm — two libtorch batch norms on the halves joined by one copy, or unfused mean, variance and
     * normalisation on the (2, B·H·W, C) view — against two batch norms on separate batches of B.
     * Shapes {@code {B, C, H, K}}; prints one line per shape with the times and the ratios to the two-batch ways.
     */
    public static void layerCosts(int[][] shapes, int repeats, PrintWriter out) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] shape : shapes) {
                int b = shape[0];
                int c = shape[1];
                int h = shape[2];
                int k = shape[3];
                NDArray x = m.randomNormal(new Shape(2L * b, h, h, c)).transpose(0, 3, 1, 2);
                NDArray w = m.randomNormal(new Shape(c, c, k, k));
                NDList halves = x.split(2);
                BatchNorm2d bn = BatchNorm2d.zen(c);
                NDArray gamma = m.ones(new Shape(c));
                NDArray beta = m.zeros(new Shape(c));
                NDArray[] first = bn.freshRunningStats(m);
                NDArray[] second = bn.freshRunningStats(m);
                List<Runnable> ways = List.of(
                        () -> {
                            conv(halves.get(0), w).close();
                            conv(halves.get(1), w).close();
                        },
                        () -> conv(x, w).close(),
                        () -> {
                            bn.apply(halves.get(0), first[0], first[1], gamma, beta, true).close();
                            bn.apply(halves.get(1), second[0], second[1], gamma, beta, true).close();
                        },
                        () -> {
                            try (NDArray y1 = bn.apply(halves.get(0), first[0], first[1], gamma, beta, true);
                                 NDArray y2 = bn.apply(halves.get(1), second[0], second[1], gamma, beta, true)) {
                                y1.concat(y2).close();
                            }
                        },
                        () -> unfusedHalves(x, b, bn.eps(), gamma, beta).close());
                double[][] t = new double[ways.size()][repeats];
                for (Runnable way : ways) {
                    way.run(); // warm-up
                }
                for (int r = 0; r < repeats; r++) {
                    for (int i = 0; i < ways.size(); i++) {
                        long t0 = System.nanoTime();
                        ways.get(i).run();
                        t[i][r] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                double[] ms = new double[ways.size()];
                for (int i = 0; i < ms.length; i++) {
                    Arrays.sort(t[i]);
                    ms[i] = t[i][repeats / 2];
                }
                out.printf(Locale.ROOT, "  B=%d C=%d %dx%d: conv %dx%d 2 x B %.2f ms, 2B %.2f ms (%.2f); BN 2 x B %.2f ms,"
                                + " halves + copy %.2f ms (%.2f), unfused %.2f ms (%.2f)%n", b, c, h, h, k, k, ms[0], ms[1],
                        ms[1] / ms[0], ms[2], ms[3], ms[3] / ms[2], ms[4], ms[4] / ms[2]);
                out.flush();
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static NDArray conv(NDArray x, NDArray w) {
        long pad = w.getShape().get(2) / 2;
        return x.getNDArrayInternal().convolution(x, w, null, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /** Train-mode batch norm of each half of a channels-last [2B,C,H,W] batch from its own mean and (biased) variance. */
    static NDArray unfusedHalves(NDArray x, int b, double eps, NDArray gamma, NDArray beta) {
        Shape s = x.getShape();
        try (NDManager scratch = x.getManager().newSubManager()) {
            NDArray v = x.transpose(0, 2, 3, 1).reshape(2, b * s.get(2) * s.get(3), s.get(1)); // a view: no copy
            NDArray mean = v.mean(new int[] {1}, true);
            NDArray centered = v.sub(mean);
            NDArray var = centered.square().mean(new int[] {1}, true);
            NDArray factor = gamma.div(var.addi(eps).sqrt()); // γ/σ per half and channel: one pass over the data
            NDArray y = centered.muli(factor).addi(beta);
            y.attach(x.getManager());
            return y.reshape(2L * b, s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
        }
    }

    private static int indexOf(int threads, Passes passes) {
        for (int k = 0; k < VARIANTS.size(); k++) {
            if (VARIANTS.get(k).threads() == threads && Objects.equals(VARIANTS.get(k).passes(), passes)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no variant " + passes + " at " + threads + " thread(s)");
    }

    private static String format(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return sb.toString();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * {@code [archs (default 12)] [rounds (default 5)] [exactness archs (default 20)]}: NB201 CIFAR-10 + ZenNet-1M;
     * or {@code layers}: {@link #layerCosts} of {@link #LAYER_SHAPES} at 1 and 2 threads.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("layers")) {
            Engine.getEngine("PyTorch");
            PrintWriter out = new PrintWriter(System.out, true);
            for (int t = 1; t <= 2; t++) {
                JniUtils.setNumThreads(t);
                out.printf(Locale.ROOT, "layer costs, %d thread(s), load %.2f (ratios: joint / two batches):%n", t,
                        load());
                layerCosts(LAYER_SHAPES, 25, out);
            }
            return;
        }
        int archs = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int exactArchs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int batch = 64;
        Engine.getEngine("PyTorch");
        PrintWriter out = new PrintWriter(System.out, true);
        out.printf(Locale.ROOT, "Zen-Score passes as one batch vs two; batch %d, %d rounds; %d CPUs, load %.2f%n",
                batch, rounds, Runtime.getRuntime().availableProcessors(), load());
        List<Timing> timings = new ArrayList<>();
        for (ForwardBenchmark.Workload w : ForwardBenchmark.workloads(archs, 7, "zennet_cifar10_model_size1M_res32")) {
            timings.add(time(w, batch, rounds, out));
        }
        double[] sgemm = new double[3];
        for (int t = 1; t <= 2; t++) {
            JniUtils.setNumThreads(t);
            sgemm[t] = ForwardBenchmark.sgemmGflops(1024, 3.0);
        }
        JniUtils.setNumThreads(1);
        out.println();
        out.println("medians (s/score, GFLOP/s, share of sgemm 1024² at the same threads):");
        for (Timing t : timings) {
            for (int k = 0; k < VARIANTS.size(); k++) {
                Variant v = VARIANTS.get(k);
                double s = t.median(k);
                out.printf(Locale.ROOT, "  %-32s %-42s %.3f s  %5.1f GFLOP/s  %4.0f %%%n", t.workload(), v.name(), s,
                        t.gflopPerScore() / s, 100 * t.gflopPerScore() / s / sgemm[v.threads()]);
            }
        }
        for (Timing t : timings) {
            for (int threads = 1; threads <= 2; threads++) {
                int seq = indexOf(threads, Passes.SEQUENTIAL);
                int joint = indexOf(threads, null);
                double[] ratio = new double[t.secondsPerScore().length];
                for (int r = 0; r < ratio.length; r++) {
                    ratio[r] = t.secondsPerScore()[r][joint] / t.secondsPerScore()[r][seq];
                }
                double[] sorted = ratio.clone();
                Arrays.sort(sorted);
                out.printf(Locale.ROOT, "  %s, %d thread(s): joint / sequential time per round %s, median %.2f%n",
                        t.workload(), threads, format(ratio), sorted[sorted.length / 2]);
            }
        }
        out.printf(Locale.ROOT, "libtorch sgemm 1024²: %.1f GFLOP/s (1 thread), %.1f GFLOP/s (2 threads); load %.2f%n",
                sgemm[1], sgemm[2], load());
        List<TargetRef> exact = new ArrayList<>(ForwardBenchmark.workloads(exactArchs, 11, null).get(0).targets());
        exact.addAll(ForwardBenchmark.workloads(0, 0, "zennet_cifar10_model_size1M_res32").get(0).targets());
        for (ZenConvention c : ZenConvention.values()) {
            double[] d = maxRelativeDifference(exact, batch, c);
            out.printf(Locale.ROOT, "convention %s: largest |joint - sequential| / |sequential| over %d NB201 cells +"
                    + " ZenNet-1M: %.2e (%d draws non-finite both ways)%n", c, exactArchs, d[0], (int) d[1]);
        }
    }
}
