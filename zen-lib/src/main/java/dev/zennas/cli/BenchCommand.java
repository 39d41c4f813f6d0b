package dev.zennas.cli;

import dev.zennas.bench.ForwardBenchmark;
import dev.zennas.bench.ProxyBenchmark;
import dev.zennas.data.DataNotFoundException;
import dev.zennas.data.MalformedDataException;
import dev.zennas.bench.Soak;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zen bench proxy|soak|forward|train|latency}: speed against PyTorch, the memory soak, the forward paths. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: proxy throughput, memory soak, forward paths, training throughput, inference latency.",
        subcommands = {BenchCommand.ProxyBench.class, BenchCommand.SoakBench.class, BenchCommand.ForwardBench.class,
                BenchCommand.TrainBench.class, BenchCommand.LatencyBench.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "proxy", mixinStandardHelpOptions = true,
            description = "Zen-Scores per second (convention A) and the ratio to our PyTorch reference run in the same environment.")
    static final class ProxyBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--arch", defaultValue = "zennet_cifar10_model_size1M_res32", description = "Architecture (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--resolution", defaultValue = "0", description = "Resolution (default: the preset's).")
        int resolution;

        @Option(names = "--repeats", defaultValue = "10", description = "Timed scores per side (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed scores first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--python", description = "Python with torch for the reference (default: .venv-bench/bin/python if present, else /usr/bin/python3).")
        String python;

        @Option(names = "--no-reference", description = "Skip the PyTorch reference.")
        boolean noReference;

        @Option(names = "--reference-threads", defaultValue = "0",
                description = "Threads for the PyTorch reference (default: as many as the cores the Java side uses).")
        int referenceThreads;

        @Option(names = "--reference-script", description = "Path of bench/zen_score_reference.py (default: found from the working directory or the jar).")
        Path script;

        @Override
        public Integer call() {
            if (batch < 2 || repeats < 1 || warmup < 0 || resolution < 0 || referenceThreads < 0) {
                throw new UserError("need --batch >= 2, --repeats >= 1, --warmup >= 0, --resolution >= 0, --reference-threads >= 0");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("zen bench proxy: Zen-Score (convention A) of %s, batch %d, %d warm-up + %d timed scores per side%n",
                    arch, batch, warmup, repeats);
            out.flush();
            ProxyBenchmark.Result r = ProxyBenchmark.run(arch, batch, resolution, repeats, warmup,
                    noReference ? Optional.empty() : Optional.of(python != null ? python : TrainBench.defaultPython()),
                    Optional.ofNullable(script), referenceThreads);
            out.printf("machine: %d CPUs (%s), load average %.2f; DJL intra-op threads %d, passes %s (%d core(s) per score);"
                            + " PyTorch threads %d; GLIBC_TUNABLES=%s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), r.threads(),
                    r.parallelPasses() ? "concurrent" : "sequential", r.cores(), r.referenceThreads(), r.glibcTunables());
            out.printf("DJL    : median %.3f s/score = %.2f scores/s (mean score %.2f)%n", r.javaMedian(),
                    1 / r.javaMedian(), r.javaMeanScore());
            if (r.torchMedian().isPresent()) {
                out.printf("PyTorch: median %.3f s/score = %.2f scores/s (mean score %.2f; %s)%n", r.torchMedian().get(),
                        1 / r.torchMedian().get(), r.torchMeanScore().orElse(Double.NaN), r.torchNote());
                out.printf("ratio  : DJL time / PyTorch time = %.2f (goal <= 0.5)%n", r.ratio().get());
            } else {
                out.println("PyTorch: " + r.torchNote());
            }
            return 0;
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = "Consecutive Zen-Scores of random cheap structures; prints the resident-memory drift (goal <= 5%%).")
    static final class SoakBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--count", defaultValue = "5000", description = "Scores (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--batch", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            if (count < 1 || batch < 2) throw new UserError("need --count >= 1 and --batch >= 2");
            PrintWriter out = spec.commandLine().getOut();
            out.printf("zen bench soak: %d Zen-Scores of random CIFAR structures, batch %d%n", count, batch);
            Soak.Result r = Soak.run(count, batch, seed, out);
            out.printf("RSS baseline %.1f MiB (after warm-up), final %.1f MiB, peak %.1f MiB: drift %+.2f%% (goal <= 5%%);"
                            + " %.1f s, %.1f scores/s, %d non-finite%n",
                    r.baselineRss() / 1048576.0, r.finalRss() / 1048576.0, r.peakRss() / 1048576.0, 100 * r.drift(),
                    r.seconds(), r.count() / r.seconds(), r.nonFinite());
            return 0;
        }
    }

    @Command(name = "forward", mixinStandardHelpOptions = true,
            description = {"Zen-Score forward paths side by side (Block API, direct NCHW, direct channels-last with its two passes on two threads, and on one thread as in a correlation sweep) on NB201 archs and a ZenNet,",
                    "with the convolutions' GFLOP/s beside libtorch's sgemm rate."})
    static final class ForwardBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--archs", defaultValue = "12", description = "NB201 architectures (0 = none; default: ${DEFAULT-VALUE}).")
        int archs;

        @Option(names = "--seed", defaultValue = "7", description = "Seed of the architecture draw (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--zennet", defaultValue = "zennet_cifar10_model_size1M_res32", description = "Released net or structure to time too ('none' to skip; default: ${DEFAULT-VALUE}).")
        String zenNet;

        @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Override
        public Integer call() {
            if (archs < 0 || batch < 2) throw new UserError("need --archs >= 0 and --batch >= 2");
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<ForwardBenchmark.Workload> w;
            try {
                w = ForwardBenchmark.workloads(archs, seed, "none".equalsIgnoreCase(zenNet) ? null : zenNet);
            } catch (DataNotFoundException | MalformedDataException e) {
                throw new UserError(e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            if (w.isEmpty()) throw new UserError("nothing to time: --archs 0 and --zennet none");
            out.println(ForwardBenchmark.run(w, batch, new PrintWriter(System.err, true)).printAll());
            out.printf("libtorch sgemm 1024x1024 with %d intra-op thread(s) (the convolutions' practical ceiling): %.1f GFLOP/s%n",
                    ai.djl.pytorch.jni.JniUtils.getNumThreads(), ForwardBenchmark.sgemmGflops(1024, 3.0));
            out.flush();
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Training images/s of our fast path (and the Block API path) against our PyTorch reference step, same threads, same run.")
    static final class TrainBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--arch", defaultValue = "zennet_cifar10_model_size1M_res32", description = "Architecture (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", defaultValue = "20", description = "Timed steps per side (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--threads", description = "Intra-op threads for both sides (default: all cores).")
        Integer threads;

        @Option(names = "--python", description = "Python with torch for the reference (default: .venv-bench/bin/python if present, else /usr/bin/python3).")
        String python;

        @Option(names = "--no-reference", description = "Skip the PyTorch reference.")
        boolean noReference;

        @Option(names = "--no-block-api", description = "Skip the Block API path.")
        boolean noBlockApi;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws java.io.IOException {
            if (batch < 2 || steps < 1 || warmup < 0) throw new UserError("need --batch >= 2, --steps >= 1, --warmup >= 0");
            int t = dev.zennas.util.TorchThreads.setRequested(threads);
            String py = python != null ? python : defaultPython();
            dev.zennas.bench.TrainBenchmark.Result r = dev.zennas.bench.TrainBenchmark.run(arch, batch, steps, warmup,
                    !noBlockApi, noReference ? Optional.empty() : Optional.of(py), t);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                com.google.gson.JsonObject o = new com.google.gson.JsonObject();
                o.addProperty("arch", r.arch());
                o.addProperty("batch", r.batch());
                o.addProperty("threads", r.threads());
                o.addProperty("steps", r.steps());
                dev.zennas.util.Json.put(o, "images_per_second", r.imagesPerSecond());
                dev.zennas.util.Json.put(o, "block_api_images_per_second", r.blockApiImagesPerSecond());
                dev.zennas.util.Json.put(o, "torch_images_per_second", r.torchImagesPerSecond());
                o.addProperty("torch_layout", r.torchLayout());
                o.addProperty("torch_version", r.torchVersion());
                dev.zennas.util.Json.put(o, "ratio", r.ratio());
                dev.zennas.util.Json.put(o, "cpu_seconds_per_step", r.cpuSecondsPerStep());
                dev.zennas.util.Json.put(o, "torch_cpu_seconds_per_step", r.torchCpuSecondsPerStep());
                out.println(dev.zennas.util.Json.print(o));
            } else {
                out.printf(java.util.Locale.ROOT, "zen bench train: %s, batch %d, %d thread(s), %d timed steps per side; GLIBC_TUNABLES=%s%n",
                        r.arch(), r.batch(), r.threads(), r.steps(), System.getenv().getOrDefault("GLIBC_TUNABLES", ""));
                out.printf(java.util.Locale.ROOT, "DJL fast path : %.1f images/s (%.3f CPU s/step)%n", r.imagesPerSecond(),
                        r.cpuSecondsPerStep());
                if (!Double.isNaN(r.blockApiImagesPerSecond())) {
                    out.printf(java.util.Locale.ROOT, "DJL Block API : %.1f images/s%n", r.blockApiImagesPerSecond());
                }
                if (!Double.isNaN(r.torchImagesPerSecond())) {
                    out.printf(java.util.Locale.ROOT, "PyTorch %s (%s): %.1f images/s (%.3f CPU s/step)%n", r.torchVersion(),
                            r.torchLayout(), r.torchImagesPerSecond(), r.torchCpuSecondsPerStep());
                    out.printf(java.util.Locale.ROOT, "ratio ours/PyTorch = %.2f by wall time, %.2f by CPU time (goal >= 1.0)%n",
                            r.ratio(), r.torchCpuSecondsPerStep() / r.cpuSecondsPerStep());
                }
            }
            out.flush();
            return 0;
        }

        static String defaultPython() {
            for (java.nio.file.Path p : java.util.List.of(java.nio.file.Path.of(".venv-bench", "bin", "python"),
                    java.nio.file.Path.of("..", ".venv-bench", "bin", "python"))) {
                if (java.nio.file.Files.isExecutable(p)) return p.toString();
            }
            return "/usr/bin/python3";
        }
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = "Inference latency of the deployed released nets in DJL (faster layout) beside the PyTorch reference bench/latency_reference.py, same threads, batch and runs.")
    static final class LatencyBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--arch", split = ",", defaultValue = "all", description = "Released names or structures, comma-separated, or all (default: ${DEFAULT-VALUE}).")
        java.util.List<String> archs;

        @Option(names = "--batch", defaultValue = "1", description = "Batch (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--threads", defaultValue = "2", description = "Intra-op threads on both sides (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--runs", defaultValue = "10", description = "Timed runs per layout and side (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--python", defaultValue = ".venv-bench/bin/python", description = "Python with torch (default: ${DEFAULT-VALUE}, made by bench/setup-torch).")
        String python;

        @Option(names = "--no-reference", description = "Skip the PyTorch reference.")
        boolean noReference;

        @Option(names = "--reference-script", description = "Path of bench/latency_reference.py (default: found from the working directory or the jar).")
        Path script;

        @Override
        public Integer call() {
            if (batch < 1 || threads < 1 || runs < dev.zennas.latency.MeasurementProtocol.MIN_RUNS || warmup < 0) {
                throw new UserError("need --batch >= 1, --threads >= 1, --runs >= " + dev.zennas.latency.MeasurementProtocol.MIN_RUNS + ", --warmup >= 0");
            }
            java.util.List<String> names = archs.size() == 1 && archs.get(0).equals("all") ? dev.zennas.arch.ReleasedNets.names() : archs;
            PrintWriter out = spec.commandLine().getOut();
            out.printf("zen bench latency: %d nets, batch %d, %d thread(s), %d warm-up + %d timed runs per layout; GLIBC_TUNABLES=%s%n",
                    names.size(), batch, threads, warmup, runs, Optional.ofNullable(System.getenv("GLIBC_TUNABLES")).orElse("(unset)"));
            out.flush();
            tech.tablesaw.api.Table t;
            try {
                t = dev.zennas.bench.LatencyBenchmark.run(names, batch, threads, warmup, runs,
                        noReference ? Optional.empty() : Optional.of(python), Optional.ofNullable(script), new PrintWriter(System.err, true));
            } catch (dev.zennas.latency.LatencyException | IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            out.println(t.printAll());
            double[] r = t.doubleColumn("djl_over_torch").removeMissing().asDoubleArray();
            if (r.length > 0) {
                double logSum = 0;
                for (double v : r) logSum += Math.log(v);
                out.printf("geometric mean DJL/PyTorch time: %.2f over %d nets (goal <= 1.0)%n", Math.exp(logSum / r.length), r.length);
            }
            out.flush();
            return 0;
        }
    }
}
