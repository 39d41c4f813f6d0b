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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zen bench proxy|soak|forward|train|latency}: speed against PyTorch, the memory soak, the forward paths. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: proxy throughput, memory soak, forward paths, training throughput, inference latency.",
        subcommands = {BenchCommand.ProxyBench.class, BenchCommand.SoakBench.class, BenchCommand.ForwardBench.class,
                BenchTrainCommand.class, BenchLatencyCommand.class})
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
                    noReference ? Optional.empty() : Optional.of(python != null ? python : BenchTrainCommand.defaultPython()),
                    Optional.ofNullable(script), referenceThreads);
            out.println(r.report());
            return 0;
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = "Consecutive Zen-Scores of random cheap structures; prints the resident-memory drift (goal <= 5%%).")
    static final class SoakBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SharedOptions.RunSeed seed;

        @Option(names = "--count", defaultValue = "5000", description = "Scores (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--batch", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Override
        public Integer call() {
            if (count < 1 || batch < 2) throw new UserError("need --count >= 1 and --batch >= 2");
            PrintWriter out = spec.commandLine().getOut();
            out.printf("zen bench soak: %d Zen-Scores of random CIFAR structures, batch %d%n", count, batch);
            Soak.Result r = Soak.run(count, batch, seed.seed, out);
            out.println(r.summary());
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
}
