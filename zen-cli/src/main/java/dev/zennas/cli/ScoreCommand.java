package dev.zennas.cli;

import dev.zennas.arch.ArchSource;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ZenConvention;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.TargetRef;
import dev.zennas.scoring.WorkUnit;
import dev.zennas.util.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zen score ARCH}: a zero-shot proxy score of a structure string, released net or {@code @file}.
 * Defaults follow the official search: batch 64 (NASWOT 8), the preset's resolution (else 32), γ 0.01, convention A.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Zero-shot proxy score of an architecture (default: Zen-Score, convention A, as the official search).")
public final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCH", description = "A structure string, a released net name, or @FILE.")
    String arch;

    @Option(names = "--proxy", paramLabel = "NAME", defaultValue = "zen",
            description = "zen, naswot, te-nas, synflow, gradnorm, params, flops or random (default: ${DEFAULT-VALUE}).")
    String proxy;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default 64; naswot 8).")
    Integer batch;

    @Option(names = "--resolution", paramLabel = "R", description = "Input resolution (default: the preset's, else 32).")
    Integer resolution;

    @Option(names = "--classes", paramLabel = "K", description = "Classes of the FC head (default: the preset's, else 10).")
    Integer classes;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "0.01", description = "Zen-Score perturbation α (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Mixin
    SharedOptions.ProxyRepeats repeats;

    @Mixin
    SharedOptions.RunSeed seed;

    @Option(names = "--convention", paramLabel = "A|B|C", defaultValue = "A",
            description = "Zen-Score convention: A code-faithful, B converged BN (paper Table 5), C paper Algorithm 1 (default: ${DEFAULT-VALUE}).")
    String convention;

    @Option(names = "--accumulate-bn-stats",
            description = "Official standalone-script behaviour: BN running statistics carry over between repeats (convention A).")
    boolean accumulate;

    @Option(names = "--memory-budget-gib", paramLabel = "GIB", defaultValue = "16",
            description = "Refuse networks whose activations need more than this (default: ${DEFAULT-VALUE}; 0 = no limit).")
    double memoryGib;

    @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop with an error once the repeats take longer than this (default: no limit).")
    double timeBudget;

    @Mixin
    SharedOptions.JsonOutput output;

    @Override
    public Integer call() {
        ZeroShotProxy p = Scoring.proxy(proxy);
        ZenConvention conv = ZenConvention.parse(convention);
        ArchSource.Resolved r = ArchSource.resolve(arch);
        int res = r.checkedResolution(resolution != null ? resolution : r.defaultResolution());
        int k = classes != null ? classes : r.defaultClasses();
        int b = batch != null ? batch : p.defaults().batchSize(); // each proxy declares its own (NASWOT: 8)
        if (k <= 0) throw new UserError("--classes must be positive, got " + k);
        if (b <= 0) throw new UserError("--batch must be positive, got " + b);
        if (repeats.repeats <= 0) throw new UserError("--repeats must be positive, got " + repeats.repeats);
        if (!(memoryGib >= 0) || !(timeBudget >= 0)) throw new UserError("budgets must be >= 0");
        ProxySpec proxySpec;
        try {
            proxySpec = new ProxySpec(proxy, b, res, gamma, repeats.repeats, conv, accumulate,
                    (long) (memoryGib * (1L << 30)), timeBudget);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        WorkUnit unit = new WorkUnit(0, TargetRef.structure(r.structure(), res, k), proxySpec, seed.seed);
        ScoreResult scored = Scoring.compute(unit, p, ExecutionSettings.defaults());
        if (scored.failed()) {
            // the CLI already prefixes "zen: "; drop the proxy's own "<name>: " prefix so the line reads once
            String msg = scored.failure();
            String prefix = p.name() + ": ";
            throw new UserError(msg.startsWith(prefix) ? p.name() + " proxy: " + msg.substring(prefix.length()) : msg);
        }
        ProxySettings settings = proxySpec.settings(seed.seed);
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json ? Json.print(scored.result().toJson(r.label(), r.structure().toString(), settings, k))
                : scored.result().summary(r.label(), settings));
        out.flush();
        return 0;
    }
}
