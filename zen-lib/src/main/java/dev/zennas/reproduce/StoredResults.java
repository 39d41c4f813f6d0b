package dev.zennas.reproduce;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.search.CurvePoint;
import dev.zennas.search.Member;
import dev.zennas.search.Presets;
import dev.zennas.search.RescoredBest;
import dev.zennas.search.SearchReport;
import dev.zennas.search.SearchRun;
import dev.zennas.search.SearchSettings;
import dev.zennas.search.SearchState;
import dev.zennas.train.EpochStats;
import dev.zennas.train.TrainReport;
import dev.zennas.train.TrainRun;
import dev.zennas.train.ZenAccuracyStudy;
import dev.zennas.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The small committed files that stand for the long runs, so the reproduction report can be rebuilt without
 * re-running them:
 * <ul>
 *   <li>{@code searches/<preset>/summary.json} and {@code curve.csv}: a search run's settings, wall time and ledger,
 *       its best structure re-scored (Zen-Score, batch 64, 8 draws, over the top 5 members) with params and FLOPs
 *       under both counting rules, beside the released net of the same budget scored the same way
 *       ({@link #exportSearch}, the numbers of {@code zen search report});</li>
 *   <li>{@code training/zen-vs-accuracy.json}: a {@code zen train study} (its {@code study.json} and the training
 *       settings), and {@code training/<label>.json}: one training run's result and history ({@link #exportTraining});</li>
 *   <li>{@code latency/released.csv}: {@code zen latency released --csv} as it is.</li>
 * </ul>
 * The folder is {@code docs/results} by default.
 */
public final class StoredResults {
    /** The default folder, relative to the repository root. */
    public static final Path DEFAULT_DIR = Path.of("docs", "results");
    public static final String SEARCH_SUMMARY = "summary.json";
    public static final String SEARCH_CURVE = "curve.csv";
    public static final String STUDY = "zen-vs-accuracy.json";
    /** The folder beside {@link #STUDY} with its networks' small files. */
    public static final String STUDY_FILES = "zen-vs-accuracy";
    public static final String LATENCY_RELEASED = "released.csv";
    public static final String STUDY_LATENCY = "zen-vs-accuracy-latency.csv";
    /** Format version of the files written here. */
    public static final int FORMAT = 1;
    /** Curve points kept in a stored curve (evenly spaced, the last one always). */
    static final int CURVE_ROWS = 200;

    private StoredResults() {}

    /** {@code <root>/searches/<preset>}. */
    public static Path searchDir(Path root, String preset) {
        return root.resolve("searches").resolve(preset);
    }

    /** {@code <root>/training}. */
    public static Path trainingDir(Path root) {
        return root.resolve("training");
    }

    /** {@code <root>/latency/released.csv}. */
    public static Path latencyReleased(Path root) {
        return root.resolve("latency").resolve(LATENCY_RELEASED);
    }

    /**
     * Writes {@code summary.json} and {@code curve.csv} of the search run in {@code runDir} into {@code toDir}
     * (created), re-scoring as {@code zen search report} does. Returns the files written.
     */
    public static List<Path> exportSearch(Path runDir, Path toDir, SearchReport.Rescore how) {
        SearchRun run = SearchRun.resume(runDir);
        SearchSettings s = run.settings();
        SearchState st = run.state();
        long t0 = System.nanoTime();
        Member bestDraw = st.best();
        RescoredBest rb = bestDraw == null ? null : how.apply(run);
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("kind", "search");
        o.addProperty("preset", s.preset());
        o.addProperty("mode", s.mode().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("seed", s.seed());
        o.addProperty("status", run.status());
        o.addProperty("iterations_done", st.nextIteration);
        o.addProperty("iterations_planned", s.iterations());
        Json.put(o, "wall_seconds", st.elapsedSeconds);
        o.addProperty("command", "zen search --preset " + s.preset() + " --mode " + o.get("mode").getAsString()
                + " --iterations " + s.iterations() + " --population " + s.population() + proxyBatchOptions(s)
                + " --seed " + s.seed() + " --out " + runDir + " && zen search export " + runDir
                + rescoreBatchOption(how.batch()));
        JsonObject settings = new JsonObject();
        for (Map.Entry<String, String> e : s.describe().entrySet()) settings.addProperty(e.getKey(), e.getValue());
        o.add("settings", settings);
        JsonObject ledger = new JsonObject();
        for (String k : List.of("started", "versions", "machine", "sessions")) {
            if (run.ledger().has(k)) ledger.add(k, run.ledger().get(k));
        }
        o.add("ledger", ledger);
        JsonObject rescore = new JsonObject();
        rescore.addProperty("proxy", how.proxy());
        rescore.addProperty("batch", how.batch());
        rescore.addProperty("repeats", how.repeats());
        rescore.addProperty("top", how.top());
        rescore.addProperty("seed", RescoredBest.REPORT_SEED);
        rescore.addProperty("note", rb == null ? "no candidate scored yet" : rb.note());
        o.add("rescore", rescore);
        if (rb != null) {
            JsonObject draw = new JsonObject();
            draw.addProperty("structure", bestDraw.structure());
            Json.put(draw, "score", bestDraw.score());
            draw.addProperty("iteration", bestDraw.iteration());
            o.add("best_draw", draw);
            Table vs = rb.versusReleased();
            o.add("best", netJson(vs.row(0), rb.winner()));
            if (vs.rowCount() > 1) {
                o.add("released", netJson(vs.row(1), SearchReport.releasedCounterpart(s.preset()).orElseThrow()
                        .structure().toString()));
            }
        }
        Json.put(o, "export_seconds", (System.nanoTime() - t0) / 1e9);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(toDir);
            Path summary = toDir.resolve(SEARCH_SUMMARY);
            writeJson(summary, o);
            written.add(summary);
            Path curve = toDir.resolve(SEARCH_CURVE);
            SearchReport.thin(SearchReport.curve(st.curve), CURVE_ROWS).write().csv(curve.toString());
            written.add(curve);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + toDir + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static JsonObject netJson(Row r, String structure) {
        JsonObject j = new JsonObject();
        j.addProperty("name", r.getString("net"));
        j.addProperty("structure", structure);
        Json.put(j, "rescored", r.getDouble("rescored"));
        j.addProperty("params_code", r.getLong("params_code"));
        Json.put(j, "flops_code", r.getDouble("flops_code_M") * 1e6);
        j.addProperty("params", r.getLong("params_deployed"));
        Json.put(j, "flops", r.getDouble("flops_deployed_M") * 1e6);
        j.addProperty("layers", r.getInt("layers"));
        j.addProperty("within_budget", r.getString("within_budget"));
        return j;
    }

    /**
     * Writes a training result into {@code toDir} (created) and returns the files written. A {@code zen train study}
     * directory gives its small files in {@code zen-vs-accuracy/} ({@link #exportStudyFiles}, finished or not) and,
     * once finished (it holds {@code study.json}), {@code zen-vs-accuracy.json} with the training settings of its
     * networks; a training run directory gives {@code <label>.json} with its result so far (finished or not) and history.
     */
    public static List<Path> exportTraining(Path dir, Path toDir) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        List<Path> written = new ArrayList<>();
        Path out;
        boolean hasNetworks = Files.isRegularFile(dir.resolve(ZenAccuracyStudy.NETWORKS));
        boolean finishedStudy = Files.isRegularFile(dir.resolve(ZenAccuracyStudy.STUDY));
        if (hasNetworks || finishedStudy) {
            if (hasNetworks) {
                written.addAll(exportStudyFiles(dir, toDir.resolve(STUDY_FILES)));
            }
            if (!finishedStudy) {
                return written;
            }
            ZenAccuracyStudy.Result r = ZenAccuracyStudy.read(dir.resolve(ZenAccuracyStudy.STUDY));
            o.addProperty("kind", "zen-vs-accuracy");
            Path first = dir.resolve("net-00");
            if (Files.isDirectory(first)) o.add("training", Json.gson().toJsonTree(TrainRun.specOf(first)).getAsJsonObject());
            if (o.has("training")) o.getAsJsonObject("training").remove("structure");
            o.add("study", ZenAccuracyStudy.toJson(r));
            o.addProperty("command", "zen train study SEARCH_DIR --out " + dir + " && zen train export " + dir);
            out = toDir.resolve(STUDY);
        } else {
            TrainRun.Spec spec = TrainRun.specOf(dir);
            List<EpochStats> history = TrainReport.history(dir);
            o.addProperty("kind", "training");
            o.add("spec", Json.gson().toJsonTree(spec));
            o.addProperty("epochs_done", history.size());
            o.addProperty("epochs_planned", spec.recipe().epochs());
            o.addProperty("completed", history.size() >= spec.recipe().epochs());
            EpochStats best = history.stream().max(java.util.Comparator.comparingDouble(EpochStats::testTop1)).orElse(null);
            if (best != null) {
                Json.put(o, "best_top1", best.testTop1());
                o.addProperty("best_epoch", best.epoch());
                Json.put(o, "final_top1", history.get(history.size() - 1).testTop1());
            }
            Json.put(o, "train_seconds", history.stream().mapToDouble(EpochStats::seconds).sum());
            JsonArray h = new JsonArray();
            for (EpochStats e : history) h.add(Json.gson().toJsonTree(e));
            o.add("history", h);
            String arch = dev.zennas.arch.ReleasedNets.find(spec.label()).isPresent() ? spec.label()
                    : "'" + spec.structure() + "'";
            o.addProperty("command", "zen train " + arch + " --preset " + spec.recipe().preset() + " --epochs "
                    + spec.recipe().epochs() + " --out " + dir + " && zen train export " + dir);
            out = toDir.resolve(spec.label().replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        }
        try {
            Files.createDirectories(toDir);
            writeJson(out, o);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + toDir + ": " + e.getMessage(), e);
        }
        written.add(out);
        return written;
    }

    /**
     * Copies a study's small files into {@code toDir} (created): {@code networks.json} and, for every network that
     * finished training, its ledger, history, result and cached Zen-Score — a few KB each, no weights. A study copied
     * back from them continues where it stopped ({@code zen train study --out}): finished networks are read back
     * without training, the others train from their first epoch. Returns the files written.
     */
    public static List<Path> exportStudyFiles(Path studyDir, Path toDir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(toDir);
            written.add(Files.copy(studyDir.resolve(ZenAccuracyStudy.NETWORKS), toDir.resolve(ZenAccuracyStudy.NETWORKS),
                    StandardCopyOption.REPLACE_EXISTING));
            List<Path> nets;
            try (var list = Files.list(studyDir)) {
                nets = list.filter(p -> p.getFileName().toString().matches("net-\\d+") && Files.isDirectory(p)).sorted().toList();
            }
            for (Path net : nets) {
                if (!Files.isRegularFile(net.resolve(TrainRun.RESULT))) {
                    continue;
                }
                Path target = toDir.resolve(net.getFileName().toString());
                Files.createDirectories(target);
                for (String f : List.of(TrainRun.LEDGER, TrainRun.HISTORY, TrainRun.RESULT, ZenAccuracyStudy.ZEN_SCORE)) {
                    if (Files.isRegularFile(net.resolve(f))) {
                        written.add(Files.copy(net.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the study's files into " + toDir + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** The stored-results folder of the workbench at {@code workbenchRoot}: {@code docs/results} in it. */
    public static Path defaultRoot(Path workbenchRoot) {
        return workbenchRoot.resolve(DEFAULT_DIR);
    }

    /** {@code --rescore-batch N} for an export that left the official re-scoring batch, else nothing. */
    static String rescoreBatchOption(int batch) {
        return batch == SearchReport.Rescore.DEFAULT_BATCH ? "" : " --rescore-batch " + batch;
    }

    /** The proxy batch options of a run that differ from its preset's, so the stored command reproduces the run. */
    static String proxyBatchOptions(SearchSettings s) {
        SearchSettings preset;
        try {
            preset = Presets.get(s.preset());
        } catch (IllegalArgumentException custom) {
            preset = null;
        }
        StringBuilder b = new StringBuilder();
        if (preset == null || preset.fitness().batchSize() != s.fitness().batchSize()) {
            b.append(" --batch ").append(s.fitness().batchSize());
        }
        if (preset == null || preset.fast().screenBatch() != s.fast().screenBatch()) {
            b.append(" --screen-batch ").append(s.fast().screenBatch());
        }
        return b.toString();
    }

    /** Pretty JSON with a final newline, through a temporary file so a reader never sees half a file. */
    static void writeJson(Path file, JsonObject o) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.print(o) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A stored JSON file, empty when it does not exist. */
    public static Optional<JsonObject> readJson(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            return Optional.of(e.getAsJsonObject());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The stored Zen-Score-vs-accuracy study under {@code root} ({@code training/zen-vs-accuracy.json}), if any. */
    public static Optional<ZenAccuracyStudy.Result> readStudy(Path root) {
        return readJson(trainingDir(root).resolve(STUDY)).map(o -> ZenAccuracyStudy.fromJson(o.getAsJsonObject("study")));
    }

    /** {@code <root>/training/zen-vs-accuracy-latency.csv}: the study's networks measured here ({@code zen latency study}). */
    public static Path studyLatency(Path root) {
        return trainingDir(root).resolve(STUDY_LATENCY);
    }

    /** A stored CSV as a table, empty when it does not exist. */
    public static Optional<Table> readCsv(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(Table.read().csv(file.toString()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The curve of a stored search ({@code curve.csv}), empty when missing. */
    public static List<CurvePoint> readCurve(Path searchDir) {
        Optional<Table> t = readCsv(searchDir.resolve(SEARCH_CURVE));
        List<CurvePoint> out = new ArrayList<>();
        t.ifPresent(table -> {
            for (Row r : table) {
                // column types are detected from the numbers (a short curve's iterations read as integers)
                out.add(new CurvePoint((long) r.getNumber("iteration"), r.getNumber("best"), r.getNumber("median"),
                        r.getNumber("worst"), (int) r.getNumber("population"), r.getNumber("seconds")));
            }
        });
        return out;
    }
}
