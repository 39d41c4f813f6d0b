package dev.zennas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zen bench latency}: inference latency of the released nets against PyTorch. */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Inference latency of the deployed released nets in DJL (faster layout) beside the PyTorch reference bench/latency_reference.py, same threads, batch and runs.")
final class BenchLatencyCommand implements Callable<Integer> {
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
