package dev.zennas.cli;

import dev.zennas.nasbench.BenchmarkDataset;
import dev.zennas.nasbench.BenchmarkSpace;
import dev.zennas.proxy.Proxies;
import dev.zennas.study.CorrelationStudy;
import dev.zennas.study.SeedStudy;
import dev.zennas.study.StudyBuilder;
import dev.zennas.study.StudyResult;
import dev.zennas.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zen correlate}: how well do proxies rank NAS-Bench-201 / NATS-SSS architectures by trained accuracy?
 * Scores are cached ({@code .zen-cache/scores} under the workbench root): interrupted runs resume, reruns are instant.
 */
@Command(name = "correlate", mixinStandardHelpOptions = true,
        description = {"Rank correlation (Spearman, Kendall tau-b, with bootstrap 95%% CIs) between proxy scores and "
                + "trained accuracy on NAS-Bench-201 or NATS-Bench-SSS.",
                "Example: zen correlate --space nb201 --dataset cifar10 --proxy params,zen --sample 1000"})
public final class CorrelateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--space", required = true, paramLabel = "SPACE", description = "nb201 or nats-sss.")
    String space;

    @Option(names = "--dataset", required = true, paramLabel = "DS", description = "cifar10, cifar100 or imagenet16.")
    String dataset;

    @Option(names = "--proxy", required = true, split = ",", paramLabel = "LIST",
            description = "Comma-separated proxies: params, flops (analytic, exact), zen, naswot, synflow, gradnorm, "
                    + "te-nas, random, synflow-naslib (Suite-Zero convention).")
    List<String> proxies;

    @Option(names = "--sample", paramLabel = "N|all|naslib",
            description = "Number of uniformly sampled architectures, 'all', or 'naslib' (the NAS-Bench-Suite-Zero "
                    + "subset of this dataset). Default: all for analytic proxies only, else 1000.")
    String sample;

    @Mixin
    SharedOptions.RunSeed seed;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B",
            description = "Proxy batch size (default ${DEFAULT-VALUE}, as NAS-Bench-Suite-Zero).")
    int batch;

    @Mixin
    SharedOptions.ProxyRepeats repeats;

    @Option(names = "--target", paramLabel = "T",
            description = "Accuracy definition. nb201: test_acc (default; mean over seeds), naslib_acc_s888, "
                    + "test_acc_1seed. nats-sss: valid_acc. With --sample naslib the default is naslib_acc_s888.")
    String target;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N",
            description = "Bootstrap resamples for the 95%% CIs, 0 = none (default ${DEFAULT-VALUE}; at most 200 "
                    + "above 2,000 archs).")
    int bootstrap;

    @Option(names = "--out", paramLabel = "DIR", description = "Write scores.csv, summary.csv and summary.json here.")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR", description = "Score cache directory (default .zen-cache/scores under the workbench root).")
    Path cache;

    @Option(names = "--share-equivalent", description = "nb201: score one cell per class of equivalent cells (the "
            + "same graph of operations up to relabelling: 6,239 networks for 15,625 cells) and give its score to "
            + "every member. For proxies whose score depends on the computed graph alone (zen, naswot, te-nas), "
            + "and over the finer classes of the same function of the parameters (6,594 networks) for gradnorm and "
            + "synflow; a representative gets the score it has in an unshared run. Default: every architecture its own draw.")
    boolean shareEquivalent;

    @Mixin
    SharedOptions.JsonOutput output;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Mixin
    OptionChecks check;

    @Option(names = "--seeds", split = ",", paramLabel = "S1,S2,...",
            description = "Seed-variance study: score the same sample (drawn with --seed) under each of these run seeds"
                    + " and print per-arch std, seed-to-seed Spearman and the spread of rho.")
    List<Long> seeds;

    @Override
    public Integer call() {
        CorrelationStudy study = study();
        PrintWriter o = spec.commandLine().getOut();
        if (seeds == null || seeds.isEmpty()) {
            StudyResult result = study.run();
            o.println(output.json ? Json.print(result.toJson()) : result.report().stripTrailing());
        } else if (seeds.size() < 2) {
            throw check.bad("--seeds needs at least 2 seeds, got " + seeds);
        } else if (out != null || output.json) {
            throw check.bad("--seeds prints its own table; --out and --json apply to single-seed studies");
        } else {
            o.println(SeedStudy.run(study, seeds.stream().mapToLong(Long::longValue).toArray()).summary().printAll());
        }
        o.flush();
        return 0;
    }

    /** Validates the options into a study (bad input: ParameterException, exit 2, one line). */
    CorrelationStudy study() {
        BenchmarkSpace sp = check.parse(() -> BenchmarkSpace.parse(space));
        BenchmarkDataset ds = check.parse(() -> BenchmarkDataset.parse(dataset));
        List<String> names = proxies.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).toList();
        for (String name : names) {
            if (name.isEmpty()) {
                throw check.bad("--proxy has an empty entry: '" + String.join(",", proxies) + "'");
            }
            check.parse(() -> Proxies.get(name)); // unknown names fail with the list of known ones
        }
        check.atLeast(1, "--batch", batch);
        check.atLeast(1, "--repeats", repeats.repeats);
        check.atLeast(1, "--threads", threads);
        check.atLeast(0, "--bootstrap", bootstrap);
        StudyBuilder b = CorrelationStudy.builder().space(sp).dataset(ds).proxies(names).seed(seed.seed)
                .batchSize(batch).repeats(repeats.repeats).bootstrapResamples(bootstrap).outDir(out)
                .cacheDir(cache != null ? cache : WorkbenchPaths.scoreCache())
                .target(target).executor(engine.name(), engine.options()).progress(quiet ? null : System.err);
        check.parse(() -> b.sample(sample));
        if (threads != null) {
            b.threads(threads);
        }
        if (shareEquivalent && sp != BenchmarkSpace.NB201) {
            throw check.bad("--share-equivalent applies to --space nb201 only (every nats-sss architecture is a"
                    + " different network)");
        }
        return check.parse(b.shareEquivalent(shareEquivalent)::build);
    }
}
