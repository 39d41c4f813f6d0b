package dev.zennas.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.arch.Counts;
import dev.zennas.arch.Structure;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ProxyException;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.scoring.ProxySpec;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.TargetRef;
import dev.zennas.scoring.WorkUnit;
import dev.zennas.search.Member;
import dev.zennas.search.SearchRun;
import dev.zennas.search.Snapshot;
import dev.zennas.stats.Bootstrap;
import dev.zennas.stats.ConfidenceInterval;
import dev.zennas.stats.Correlations;
import dev.zennas.stats.IntervalTable;
import dev.zennas.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Does a higher Zen-Score mean a more accurate network? The paper answers with Kendall τ = 0.91 between Zen-Score and
 * CIFAR-10 top-1 over 16 structures from a search population, each trained with the full recipe. This study repeats
 * the measurement with a short schedule: it takes {@code nets} structures spread evenly over the population's score
 * range, re-scores each (mean of several draws), trains each with the given recipe and data, and reports Kendall τ
 * and Spearman ρ with bootstrap intervals, beside #params and FLOPs on the same networks. Every network's training
 * is its own resumable run under {@code out/}, so a stopped study continues where it stopped.
 */
public final class ZenAccuracyStudy {

    /**
     * @param nets        how many structures to take from the population
     * @param recipe      the (short) training recipe
     * @param data        dataset and subsets
     * @param seed        run seed (training seeds derive from it)
     * @param zenRepeats  Zen-Score draws per structure (mean reported)
     */
    public record Settings(int nets, TrainRecipe recipe, DataSelection data, long seed, int zenRepeats) {
        public Settings {
            if (nets < 3) throw new IllegalArgumentException("need at least 3 networks for a rank correlation, got " + nets);
            if (zenRepeats < 1) throw new IllegalArgumentException("Zen-Score repeats must be >= 1, got " + zenRepeats);
        }
    }

    /** One network of the study ({@code trainSeconds}: the training steps' wall time, evaluations excluded). */
    public record Row(int index, String structure, double populationScore, double zenScore, long params, double flops,
                      double top1, double trainSeconds) {
    }

    /** The study's outcome: per-network rows and the correlations of each predictor with top-1. */
    public record Result(List<Row> rows, Map<String, ConfidenceInterval> kendall, Map<String, ConfidenceInterval> spearman,
                         double seconds) {
    }

    private ZenAccuracyStudy() {
    }

    /** {@code nets} members of the population whose scores are spread evenly over its range (distinct structures). */
    public static List<Member> spread(List<Member> population, int nets) {
        Map<String, Member> unique = new LinkedHashMap<>();
        for (Member m : population) {
            if (Double.isFinite(m.score())) {
                unique.putIfAbsent(m.structure(), m);
            }
        }
        List<Member> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparingDouble(Member::score));
        if (sorted.size() < nets) {
            throw new IllegalArgumentException("the population holds " + sorted.size() + " distinct scored structures, fewer than "
                    + nets + "; run the search longer or ask for fewer networks");
        }
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < nets; i++) {
            out.add(sorted.get((int) Math.round(i * (sorted.size() - 1) / (double) (nets - 1))));
        }
        return out;
    }

    /** The population of a search run directory. */
    public static List<Member> population(Path searchDir) {
        Path snap = searchDir.resolve(SearchRun.SNAPSHOT);
        if (!Files.isRegularFile(snap)) {
            throw new IllegalArgumentException(searchDir + " is not a search run directory (no " + SearchRun.SNAPSHOT + ")");
        }
        try {
            Snapshot s = Json.gson().fromJson(Files.readString(snap, StandardCharsets.UTF_8), Snapshot.class);
            return s.population();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + snap + ": " + e.getMessage());
        }
    }

    /** The file in a study directory that fixes its networks. */
    public static final String NETWORKS = "networks.json";
    /** The file in a network's directory that caches its Zen-Score. */
    public static final String ZEN_SCORE = "zen-score.json";
    /** The file a finished study writes. */
    public static final String STUDY = "study.json";

    /**
     * Runs (or continues) the study in {@code out}. The first run draws the networks from {@code population} and
     * writes them to {@value #NETWORKS}; every later run takes them from there, so a study continues from its own
     * directory ({@code population} may then be null) even where the search run is gone.
     */
    public static Result run(List<Member> population, Settings settings, Path out, TrainListener listener, AtomicBoolean stop) {
        long t0 = System.nanoTime();
        List<Member> chosen = networks(population, settings.nets(), out);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            if (stop.get()) {
                break;
            }
            Member m = chosen.get(i);
            Path dir = out.resolve(String.format(Locale.ROOT, "net-%02d", i));
            TrainResult r = trainOrReuse(dir, m.structure(), settings, i, listener, stop);
            if (!r.completed()) {
                break;
            }
            Structure s = Structure.parse(m.structure());
            Counts c = Counts.of(s, 32, settings.data().kind().numClasses(), false);
            double zen = zenScore(dir, s, settings);
            double trainSeconds = r.history().stream().mapToDouble(EpochStats::seconds).sum();
            rows.add(new Row(i, m.structure(), m.score(), zen, c.params(), c.flops(), r.bestTop1(), trainSeconds));
            listener.onNote(String.format(Locale.ROOT, "net %d/%d: zen %.2f, top-1 %.2f %%", i + 1, chosen.size(), zen, r.bestTop1()));
        }
        Result result = correlations(rows, settings.seed(), (System.nanoTime() - t0) / 1e9);
        if (rows.size() == chosen.size()) {
            TrainRun.writeAtomically(out.resolve(STUDY), Json.print(toJson(result)).getBytes(StandardCharsets.UTF_8));
        }
        return result;
    }

    /** The study's networks: those fixed in {@code out}, else {@code nets} spread over {@code population} (then fixed). */
    static List<Member> networks(List<Member> population, int nets, Path out) {
        Path file = out.resolve(NETWORKS);
        if (Files.isRegularFile(file)) {
            List<Member> fixed;
            try {
                fixed = new ArrayList<>();
                for (var e : JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonArray()) {
                    fixed.add(Json.gson().fromJson(e, Member.class));
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
            if (fixed.size() != nets) {
                throw new IllegalArgumentException(out + " is a study of " + fixed.size() + " networks, not " + nets
                        + "; use --nets " + fixed.size() + " or another --out");
            }
            return fixed;
        }
        if (population == null) {
            throw new IllegalArgumentException(out + " holds no study (no " + NETWORKS + "); give the search run directory to start one");
        }
        List<Member> chosen = spread(population, nets);
        JsonArray a = new JsonArray();
        chosen.forEach(m -> a.add(Json.gson().toJsonTree(m)));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create " + out + ": " + e.getMessage());
        }
        TrainRun.writeAtomically(file, Json.print(a).getBytes(StandardCharsets.UTF_8));
        return chosen;
    }

    private static TrainResult trainOrReuse(Path dir, String structure, Settings settings, int i, TrainListener listener,
                                            AtomicBoolean stop) {
        TrainRun.Spec spec = new TrainRun.Spec("net-" + i, structure, settings.recipe(), settings.data(),
                settings.seed() + i, 32, false);
        TrainRun run;
        if (Files.exists(dir.resolve(TrainRun.LEDGER))) {
            run = TrainRun.resume(dir, structure);
            if (!run.spec().equals(spec)) {
                throw new IllegalArgumentException(dir + " was trained with other settings; use another --out for a new study");
            }
        } else {
            run = TrainRun.create(dir, spec);
        }
        return run.run(listener, stop);
    }

    /** The mean Zen-Score (convention A, batch 64) of {@code s}, cached in the network's run directory. */
    private static double zenScore(Path dir, Structure s, Settings settings) {
        Path cache = dir.resolve(ZEN_SCORE);
        if (Files.isRegularFile(cache)) {
            try {
                return JsonParser.parseString(Files.readString(cache)).getAsJsonObject().get("mean").getAsDouble();
            } catch (IOException | RuntimeException e) {
                // recompute below
            }
        }
        WorkUnit unit = new WorkUnit(0, TargetRef.structure(s, 32, settings.data().kind().numClasses()),
                ProxySpec.of("zen").withRepeats(settings.zenRepeats()), settings.seed());
        ScoreResult scored = Scoring.compute(unit, ExecutionSettings.defaults());
        if (scored.failed()) {
            throw new ProxyException(scored.failure());
        }
        ProxyResult r = scored.result();
        JsonObject o = new JsonObject();
        o.addProperty("mean", r.mean());
        o.addProperty("std", r.std());
        o.addProperty("repeats", r.repeats());
        TrainRun.writeAtomically(cache, Json.print(o).getBytes(StandardCharsets.UTF_8));
        return r.mean();
    }

    /** Kendall τ and Spearman ρ (95 % bootstrap intervals) of Zen-Score, #params and FLOPs with top-1. */
    public static Result correlations(List<Row> rows, long seed, double seconds) {
        double[] top1 = rows.stream().mapToDouble(Row::top1).toArray();
        Map<String, double[]> predictors = new LinkedHashMap<>();
        predictors.put("zen", rows.stream().mapToDouble(Row::zenScore).toArray());
        predictors.put("params", rows.stream().mapToDouble(Row::params).toArray());
        predictors.put("flops", rows.stream().mapToDouble(Row::flops).toArray());
        Map<String, ConfidenceInterval> tau = new LinkedHashMap<>();
        Map<String, ConfidenceInterval> rho = new LinkedHashMap<>();
        for (var e : predictors.entrySet()) {
            if (rows.size() >= 3) {
                tau.put(e.getKey(), Bootstrap.interval95(e.getValue(), top1, Correlations::kendall, seed));
                rho.put(e.getKey(), Bootstrap.interval95(e.getValue(), top1, Correlations::spearman, seed));
            }
        }
        return new Result(List.copyOf(rows), tau, rho, seconds);
    }

    /** The per-network table. */
    public static Table table(Result r) {
        IntColumn idx = IntColumn.create("net");
        StringColumn structure = StringColumn.create("structure");
        DoubleColumn zen = DoubleColumn.create("zen_score");
        DoubleColumn params = DoubleColumn.create("params_M");
        DoubleColumn flops = DoubleColumn.create("flops_M");
        DoubleColumn top1 = DoubleColumn.create("top1");
        for (Row row : r.rows()) {
            idx.append(row.index());
            structure.append(row.structure());
            zen.append(Math.round(row.zenScore() * 100) / 100.0);
            params.append(Math.round(row.params() / 1e4) / 100.0);
            flops.append(Math.round(row.flops() / 1e4) / 100.0);
            top1.append(Math.round(row.top1() * 100) / 100.0);
        }
        return Table.create("zen-score vs top-1", idx, zen, params, flops, top1, structure);
    }

    /** The correlation table: predictor, τ and ρ with their intervals. */
    public static Table correlationTable(Result r) {
        return IntervalTable.of("rank correlation with top-1", "predictor",
                new IntervalTable.Statistic("kendall_tau", "tau_95ci", r.kendall()),
                new IntervalTable.Statistic("spearman_rho", "rho_95ci", r.spearman()));
    }

    /** Reads a finished study's {@code study.json}. */
    public static Result read(Path studyJson) {
        try {
            return fromJson(JsonParser.parseString(Files.readString(studyJson, StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + studyJson + ": " + e.getMessage());
        }
    }

    /** A study from its JSON form ({@link #toJson}). */
    public static Result fromJson(JsonObject o) {
        List<Row> rows = new ArrayList<>();
        for (var e : o.getAsJsonArray("rows")) {
            rows.add(Json.gson().fromJson(e, Row.class));
        }
        Map<String, ConfidenceInterval> tau = new LinkedHashMap<>();
        Map<String, ConfidenceInterval> rho = new LinkedHashMap<>();
        for (var e : o.getAsJsonObject("correlations").entrySet()) {
            JsonObject c = e.getValue().getAsJsonObject();
            tau.put(e.getKey(), Json.gson().fromJson(c.get("kendall_tau"), ConfidenceInterval.class));
            rho.put(e.getKey(), Json.gson().fromJson(c.get("spearman_rho"), ConfidenceInterval.class));
        }
        return new Result(rows, tau, rho, o.get("seconds").getAsDouble());
    }

    /** The study as JSON. */
    public static JsonObject toJson(Result r) {
        JsonObject o = new JsonObject();
        JsonArray rows = new JsonArray();
        for (Row row : r.rows()) {
            rows.add(Json.gson().toJsonTree(row));
        }
        o.add("rows", rows);
        JsonObject corr = new JsonObject();
        for (String k : r.kendall().keySet()) {
            JsonObject c = new JsonObject();
            c.add("kendall_tau", Json.gson().toJsonTree(r.kendall().get(k)));
            c.add("spearman_rho", Json.gson().toJsonTree(r.spearman().get(k)));
            corr.add(k, c);
        }
        o.add("correlations", corr);
        Json.put(o, "seconds", r.seconds());
        o.addProperty("networks", r.rows().size());
        return o;
    }
}
