package dev.zennas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zen bench train}: training throughput against PyTorch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training images/s of our fast path (and the Block API path) against our PyTorch reference step, same threads, same run.")
final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.IntraOpThreads threads;

    @Mixin
    SharedOptions.JsonOutput output;

    @Option(names = "--arch", defaultValue = "zennet_cifar10_model_size1M_res32", description = "Architecture (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps per side (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--python", description = "Python with torch for the reference (default: .venv-bench/bin/python if present, else /usr/bin/python3).")
    String python;

    @Option(names = "--no-reference", description = "Skip the PyTorch reference.")
    boolean noReference;

    @Option(names = "--no-block-api", description = "Skip the Block API path.")
    boolean noBlockApi;

    @Override
    public Integer call() throws java.io.IOException {
        if (batch < 2 || steps < 1 || warmup < 0) throw new UserError("need --batch >= 2, --steps >= 1, --warmup >= 0");
        int t = threads.apply();
        String py = python != null ? python : defaultPython();
        dev.zennas.bench.TrainBenchmark.Result r = dev.zennas.bench.TrainBenchmark.run(arch, batch, steps, warmup,
                !noBlockApi, noReference ? Optional.empty() : Optional.of(py), t);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
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
