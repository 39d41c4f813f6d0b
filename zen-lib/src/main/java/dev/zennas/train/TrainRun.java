package dev.zennas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.Workbench;
import dev.zennas.arch.Structure;
import dev.zennas.data.CifarDataset;
import dev.zennas.search.RunInfo;
import dev.zennas.train.data.Batch;
import dev.zennas.train.data.BatchLoader;
import dev.zennas.train.data.Seeds;
import dev.zennas.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A resumable training run in a directory:
 * <ul>
 *   <li>{@code ledger.json} — what is trained (structure, recipe, data, seed), library/engine versions, machine,
 *       and the start and end of every session;</li>
 *   <li>{@code checkpoint.json} + {@code state-E-S.ndlist} — the position (epoch, step) and every tensor needed to
 *       continue: weights, BN running statistics, momentum buffers. Written atomically after every epoch, every
 *       {@link #checkpointSeconds} at a step boundary, and when the run is stopped;</li>
 *   <li>{@code history.csv} — one row per finished epoch; {@code best-weights.ndlist} and
 *       {@code final-weights.ndlist}; {@code result.json} once the run has finished.</li>
 * </ul>
 * No other state is needed: the data order, each image's augmentation and the mixup draws of batch b in epoch e
 * are derived from (seed, e, b), so a run killed at any moment and resumed from its last checkpoint ends with the
 * same weights as an uninterrupted one.
 */
public final class TrainRun {

    public static final String LEDGER = "ledger.json";
    public static final String CHECKPOINT = "checkpoint.json";
    public static final String HISTORY = "history.csv";
    public static final String RESULT = "result.json";
    public static final String BEST_WEIGHTS = "best-weights.ndlist";
    public static final String FINAL_WEIGHTS = "final-weights.ndlist";
    /** Version of the directory layout; a directory of another version is refused. */
    public static final int FORMAT = 1;

    /** Seed streams derived from the run seed. */
    static final long INIT_STREAM = 1;
    static final long DATA_STREAM = 2;
    static final long RECALIBRATION_STREAM = 3;
    static final long SUBSET_STREAM = 4;

    /**
     * Everything that defines a run.
     *
     * @param label      what to call it in output
     * @param structure  the network
     * @param recipe     how to train it
     * @param data       dataset and subsets
     * @param seed       the run seed
     * @param resolution input resolution (32 for CIFAR)
     * @param se         squeeze-and-excitation in the residual branches
     */
    public record Spec(String label, String structure, TrainRecipe recipe, DataSelection data, long seed,
                       int resolution, boolean se) {
        public Spec {
            Structure.parse(structure); // fail early on a malformed string
        }
    }

    private final Path dir;
    private final Spec spec;
    private final JsonObject ledger;
    private double checkpointSeconds = 600;
    private int evalBatch = 250;

    private TrainRun(Path dir, Spec spec, JsonObject ledger) {
        this.dir = dir;
        this.spec = spec;
        this.ledger = ledger;
    }

    /** Starts a new run in {@code dir} (created if needed; it must not hold a run already). */
    public static TrainRun create(Path dir, Spec spec) {
        if (Files.exists(dir.resolve(LEDGER))) {
            throw new IllegalArgumentException(dir + " already holds a training run; resume it with --resume " + dir
                    + " or choose another --out");
        }
        spec.data().requireAvailable();
        // refuse a step that cannot fit before anything is written (the estimate needs no weights)
        MemoryCheck.require(dev.zennas.net.ZenNetBuilder.build(Structure.parse(spec.structure()),
                dev.zennas.net.ZenNetBuilder.Options.training(spec.resolution(), spec.data().kind().numClasses(), spec.se())),
                spec.recipe().batchSize());
        JsonObject ledger = new JsonObject();
        ledger.addProperty("format", FORMAT);
        ledger.addProperty("kind", "train");
        ledger.add("spec", Json.gson().toJsonTree(spec));
        ledger.add("versions", RunInfo.versions("train"));
        ledger.add("machine", RunInfo.machine());
        ledger.addProperty("started", Instant.now().toString());
        ledger.add("sessions", new JsonArray());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        TrainRun run = new TrainRun(dir, spec, ledger);
        run.writeLedger();
        return run;
    }

    /**
     * Opens an existing run to continue it. Refused with one line when the directory holds no run, a run of another
     * layout version, or (when {@code expectedStructure} is given) a run of another structure.
     */
    public static TrainRun resume(Path dir, String expectedStructure) {
        JsonObject ledger = readLedger(dir);
        Spec spec = Json.gson().fromJson(ledger.get("spec"), Spec.class);
        if (expectedStructure != null && !Structure.parse(expectedStructure).equals(Structure.parse(spec.structure()))) {
            throw new IllegalArgumentException(dir + " trains another structure (" + spec.structure()
                    + "); resume it without an architecture argument, or start a new run with --out");
        }
        return new TrainRun(dir, spec, ledger);
    }

    /** Reads and checks a run directory's ledger. */
    static JsonObject readLedger(Path dir) {
        Path file = dir.resolve(LEDGER);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " holds no training run (no " + LEDGER + ")");
        }
        JsonObject ledger;
        try {
            ledger = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        if (!ledger.has("kind") || !"train".equals(ledger.get("kind").getAsString())) {
            throw new IllegalArgumentException(dir + " is not a training run directory (" + LEDGER + " of another kind)");
        }
        int format = ledger.get("format").getAsInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException(dir + " was written by another version of the workbench (run layout "
                    + format + ", this version reads " + FORMAT + "); start a new run with --out");
        }
        return ledger;
    }

    /** The spec of the run in {@code dir} (for {@code zen eval} and reports). */
    public static Spec specOf(Path dir) {
        return Json.gson().fromJson(readLedger(dir).get("spec"), Spec.class);
    }

    public Path dir() {
        return dir;
    }

    public Spec spec() {
        return spec;
    }

    /** How often a mid-epoch checkpoint is written (0 = only at epoch ends and on stop). */
    public TrainRun checkpointEvery(double seconds) {
        this.checkpointSeconds = seconds;
        return this;
    }

    /**
     * Trains until every epoch is done or {@code stop} becomes true (then it stops at the next step boundary after
     * writing a checkpoint).
     */
    public TrainResult run(TrainListener listener, AtomicBoolean stop) {
        TrainResult done = readResult(dir);
        if (done != null && done.completed()) {
            // Finished: its result stands on its own, so a study can continue from the small files alone (ledger,
            // history and result), and reopening it writes nothing.
            listener.onNote("already finished (" + done.epochs() + " epochs)");
            return done;
        }
        TrainRecipe recipe = spec.recipe();
        CifarDataset train = spec.data().train(Seeds.derive(spec.seed(), SUBSET_STREAM));
        CifarDataset test = spec.data().test();
        int steps = train.size() / recipe.batchSize();
        if (steps == 0) {
            throw new IllegalArgumentException("the training set (" + train.size() + " images) is smaller than one batch ("
                    + recipe.batchSize() + "); use a smaller --batch or a larger --train-limit");
        }
        LrSchedule schedule = LrSchedule.of(recipe, train.size());
        JsonObject session = new JsonObject();
        session.addProperty("started", Instant.now().toString());
        ledger.getAsJsonArray("sessions").add(session);
        writeLedger();

        try (Trainer trainer = Trainer.create(Structure.parse(spec.structure()), recipe, spec.resolution(),
                train.numClasses(), spec.se(), Seeds.derive(spec.seed(), INIT_STREAM))) {
            MemoryCheck.require(trainer.network(), recipe.batchSize());
            State state = loadCheckpoint(trainer);
            if (state.epoch >= recipe.epochs()) {
                listener.onNote("already finished (" + state.epoch + " epochs)");
            } else if (state.epoch > 0 || state.step > 0) {
                listener.onNote(String.format(Locale.ROOT, "resumed at epoch %d, step %d of %d", state.epoch + 1, state.step, steps));
            }
            long lastCheckpoint = System.nanoTime();
            while (state.epoch < recipe.epochs()) {
                int epoch = state.epoch;
                try (BatchLoader loader = BatchLoader.train(train, recipe.augment(), recipe.batchSize(),
                        Seeds.derive(spec.seed(), DATA_STREAM), epoch, recipe.channelsLast(), 1)) {
                    for (int s = 0; s < state.step; s++) {
                        loader.next(); // batches are derived from (seed, epoch, index): skipping reproduces the order
                    }
                    long t0 = System.nanoTime();
                    while (state.step < steps) {
                        if (stop.get()) {
                            state.epochSeconds += (System.nanoTime() - t0) / 1e9;
                            saveCheckpoint(trainer, state);
                            listener.onNote("stopped at epoch " + (epoch + 1) + ", step " + state.step + "; checkpoint written");
                            return finish(state, false, session);
                        }
                        Batch batch = loader.next();
                        double lr = schedule.lr(LrSchedule.samplesSeen(epoch, state.step, recipe.batchSize(), train.size()));
                        Trainer.StepResult r = trainer.step(batch, lr);
                        if (!Double.isFinite(r.loss())) {
                            throw new IllegalStateException("training diverged: loss " + r.loss() + " at epoch " + (epoch + 1)
                                    + ", step " + (state.step + 1) + " (try a smaller learning rate)");
                        }
                        state.lossSum += r.loss();
                        state.step++;
                        state.lastLr = lr;
                        double secs = state.epochSeconds + (System.nanoTime() - t0) / 1e9;
                        listener.onStep(epoch, state.step, steps, r.loss(), state.step * recipe.batchSize() / secs);
                        if (checkpointSeconds > 0 && state.step < steps
                                && (System.nanoTime() - lastCheckpoint) / 1e9 >= checkpointSeconds) {
                            state.epochSeconds = secs;
                            t0 = System.nanoTime();
                            saveCheckpoint(trainer, state);
                            lastCheckpoint = System.nanoTime();
                        }
                    }
                    state.epochSeconds += (System.nanoTime() - t0) / 1e9;
                }
                double top1 = evaluate(trainer, train, test, epoch);
                EpochStats stats = new EpochStats(epoch + 1, state.lossSum / steps, state.lastLr, top1, state.epochSeconds,
                        steps * recipe.batchSize() / state.epochSeconds);
                state.history.add(stats);
                if (state.bestEpoch == 0 || top1 > state.bestTop1) {
                    state.bestTop1 = top1;
                    state.bestEpoch = epoch + 1;
                    writeWeights(trainer, BEST_WEIGHTS);
                }
                state.epoch++;
                state.step = 0;
                state.lossSum = 0;
                state.epochSeconds = 0;
                saveCheckpoint(trainer, state);
                lastCheckpoint = System.nanoTime();
                writeHistory(state.history);
                listener.onEpoch(stats, recipe.epochs());
                if (stop.get() && state.epoch < recipe.epochs()) {
                    listener.onNote("stopped after epoch " + state.epoch + "; checkpoint written");
                    return finish(state, false, session);
                }
            }
            writeWeights(trainer, FINAL_WEIGHTS);
            return finish(state, true, session);
        }
    }

    private double evaluate(Trainer trainer, CifarDataset train, CifarDataset test, int epoch) {
        return evaluate(spec, trainer, train, test, epoch, evalBatch);
    }

    /**
     * Test top-1 of {@code trainer}'s current weights as the run evaluates them after epoch {@code epoch} (0-based):
     * with the recipe's BN re-estimation on the same training batches, so a saved network evaluates to the number
     * recorded during training.
     */
    static double evaluate(Spec spec, Trainer trainer, CifarDataset train, CifarDataset test, int epoch, int evalBatch) {
        TrainRecipe recipe = trainer.recipe();
        List<Batch> recalibration = new ArrayList<>();
        if (recipe.bnRecalibration() > 0) {
            // training batches as training sees them (the recipe's augmentation): the layers after each BN learned
            // to expect activations normalised by augmented-batch statistics; re-estimating on plain images lowered
            // a 10-epoch ZenNet-1M run's top-1 from 39.9 % to 36.0 %
            try (BatchLoader l = BatchLoader.train(train, recipe.augment(), recipe.batchSize(),
                    Seeds.derive(spec.seed(), RECALIBRATION_STREAM), epoch, recipe.channelsLast(), 0)) {
                for (int i = 0; i < recipe.bnRecalibration() && l.hasNext(); i++) {
                    recalibration.add(l.next());
                }
            }
        }
        try (BatchLoader l = BatchLoader.eval(test, evalBatch, recipe.channelsLast())) {
            return trainer.evaluate(l, recalibration);
        }
    }

    /**
     * Evaluates the saved weights of the run in {@code dir} ({@code best} or {@code final}) on its dataset's test
     * split (the first {@code testLimit} records; 0 = the run's own test subset).
     *
     * @param expectedStructure when not null, the run must train this structure
     * @return test top-1 in %
     */
    public static double evaluateSaved(Path dir, boolean best, int testLimit, String expectedStructure) {
        Spec spec = specOf(dir);
        if (expectedStructure != null && !Structure.parse(expectedStructure).equals(Structure.parse(spec.structure()))) {
            throw new IllegalArgumentException(dir + " holds weights of another structure (" + spec.structure() + ")");
        }
        int epoch = best ? checkpointInt(dir, "bestEpoch") - 1 : checkpointInt(dir, "epoch") - 1;
        if (epoch < 0) {
            throw new IllegalArgumentException(dir + " has no finished epoch yet");
        }
        CifarDataset train = spec.data().train(Seeds.derive(spec.seed(), SUBSET_STREAM));
        DataSelection testData = testLimit > 0 ? new DataSelection(spec.data().dataset(), 0, testLimit, false) : spec.data();
        CifarDataset test = testData.test();
        try (Trainer trainer = Trainer.create(Structure.parse(spec.structure()), spec.recipe(), spec.resolution(),
                train.numClasses(), spec.se(), 0)) {
            loadWeights(dir, best ? BEST_WEIGHTS : FINAL_WEIGHTS, trainer);
            return evaluate(spec, trainer, train, test, epoch, 250);
        }
    }

    private static int checkpointInt(Path dir, String key) {
        JsonObject c = readCheckpoint(dir);
        if (c == null || !c.has(key)) {
            throw new IllegalArgumentException(dir + " has no readable " + CHECKPOINT);
        }
        return c.get(key).getAsInt();
    }

    /** The run's {@code checkpoint.json}, or null before the first checkpoint; one line naming the file if unreadable. */
    static JsonObject readCheckpoint(Path dir) {
        Path file = dir.resolve(CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The per-epoch history a checkpoint records. */
    static List<EpochStats> history(JsonObject checkpoint) {
        List<EpochStats> list = new ArrayList<>();
        for (JsonElement e : checkpoint.getAsJsonArray("history")) {
            list.add(Json.gson().fromJson(e, EpochStats.class));
        }
        return list;
    }

    private TrainResult finish(State state, boolean completed, JsonObject session) {
        session.addProperty("ended", Instant.now().toString());
        session.addProperty("epochs", state.epoch);
        writeLedger();
        double trainSeconds = 0;
        double images = 0;
        for (EpochStats e : state.history) {
            trainSeconds += e.seconds();
            images += e.imagesPerSecond() * e.seconds();
        }
        double finalTop1 = state.history.isEmpty() ? Double.NaN : state.history.get(state.history.size() - 1).testTop1();
        TrainResult result = new TrainResult(dir, spec.label(), spec.structure(), completed, state.epoch,
                state.bestEpoch == 0 ? Double.NaN : state.bestTop1, state.bestEpoch, finalTop1,
                trainSeconds > 0 ? images / trainSeconds : Double.NaN, state.totalSeconds(), List.copyOf(state.history));
        if (completed) {
            writeAtomically(dir.resolve(RESULT), Json.print(resultJson(result)).getBytes(StandardCharsets.UTF_8));
        }
        return result;
    }

    /**
     * The result of a finished run read back from its {@code result.json} (the run directory as {@code out}), or null
     * when the run has not finished or the file cannot be read.
     */
    public static TrainResult readResult(Path dir) {
        Path file = dir.resolve(RESULT);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            List<EpochStats> history = new ArrayList<>();
            for (var e : o.getAsJsonArray("history")) {
                JsonObject h = e.getAsJsonObject();
                history.add(new EpochStats(h.get("epoch").getAsInt(), number(h, "train_loss"), number(h, "lr"),
                        number(h, "test_top1"), number(h, "seconds"), number(h, "images_per_second")));
            }
            return new TrainResult(dir, o.get("label").getAsString(), o.get("structure").getAsString(),
                    o.get("completed").getAsBoolean(), o.get("epochs").getAsInt(), number(o, "best_top1"),
                    o.get("best_epoch").getAsInt(), number(o, "final_top1"), number(o, "images_per_second"),
                    number(o, "seconds"), List.copyOf(history));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A number written by {@link Json#put} (absent or null for NaN). */
    private static double number(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : Double.NaN;
    }

    /** The result as the JSON object {@code zen train --json} prints. */
    public static JsonObject resultJson(TrainResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("label", r.label());
        o.addProperty("structure", r.structure());
        o.addProperty("completed", r.completed());
        o.addProperty("epochs", r.epochs());
        Json.put(o, "best_top1", r.bestTop1());
        o.addProperty("best_epoch", r.bestEpoch());
        Json.put(o, "final_top1", r.finalTop1());
        Json.put(o, "images_per_second", r.imagesPerSecond());
        Json.put(o, "seconds", r.seconds());
        o.addProperty("out", r.out().toString());
        JsonArray h = new JsonArray();
        for (EpochStats e : r.history()) {
            JsonObject row = new JsonObject();
            row.addProperty("epoch", e.epoch());
            Json.put(row, "train_loss", e.trainLoss());
            Json.put(row, "lr", e.lr());
            Json.put(row, "test_top1", e.testTop1());
            Json.put(row, "seconds", e.seconds());
            Json.put(row, "images_per_second", e.imagesPerSecond());
            h.add(row);
        }
        o.add("history", h);
        return o;
    }

    // ------------------------------------------------------------------------------------------------ checkpoints

    /** The position and running sums of a run; everything else is in the tensors. */
    static final class State {
        int epoch;          // epochs finished
        int step;           // steps finished in the current epoch
        double lossSum;     // Σ loss over the current epoch's finished steps
        double epochSeconds; // training seconds spent in the current epoch so far
        double lastLr;
        double bestTop1;
        int bestEpoch;
        double previousSeconds; // wall time of earlier sessions
        final long sessionStart = System.nanoTime();
        List<EpochStats> history = new ArrayList<>();

        double totalSeconds() {
            return previousSeconds + (System.nanoTime() - sessionStart) / 1e9;
        }
    }

    private State loadCheckpoint(Trainer trainer) {
        State state = new State();
        JsonObject c = readCheckpoint(dir);
        if (c == null) {
            return state;
        }
        state.epoch = c.get("epoch").getAsInt();
        state.step = c.get("step").getAsInt();
        state.lossSum = c.get("lossSum").getAsDouble();
        state.epochSeconds = c.get("epochSeconds").getAsDouble();
        state.lastLr = c.get("lastLr").getAsDouble();
        state.bestTop1 = c.get("bestTop1").getAsDouble();
        state.bestEpoch = c.get("bestEpoch").getAsInt();
        state.previousSeconds = c.get("seconds").getAsDouble();
        state.history.addAll(history(c));
        Path tensors = dir.resolve(c.get("tensors").getAsString());
        int paramCount = c.get("parameters").getAsInt();
        try (NDManager m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
             InputStream in = Files.newInputStream(tensors)) {
            NDList all = NDList.decode(m, in);
            trainer.load(all.subNDList(0, paramCount), all.subNDList(paramCount));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + tensors + ": " + e.getMessage());
        }
        return state;
    }

    private void saveCheckpoint(Trainer trainer, State state) {
        String name = String.format(Locale.ROOT, "state-e%04d-s%06d.ndlist", state.epoch, state.step);
        List<NDArray> params = trainer.parameterArrays();
        NDList all = new NDList();
        all.addAll(params);
        all.addAll(trainer.optimizer().buffers());
        writeAtomically(dir.resolve(name), all.encode());
        JsonObject c = new JsonObject();
        c.addProperty("format", FORMAT);
        c.addProperty("epoch", state.epoch);
        c.addProperty("step", state.step);
        c.addProperty("lossSum", state.lossSum);
        c.addProperty("epochSeconds", state.epochSeconds);
        c.addProperty("lastLr", state.lastLr);
        c.addProperty("bestTop1", state.bestTop1);
        c.addProperty("bestEpoch", state.bestEpoch);
        c.addProperty("seconds", state.totalSeconds());
        c.addProperty("tensors", name);
        c.addProperty("parameters", params.size());
        JsonArray h = new JsonArray();
        state.history.forEach(e -> h.add(Json.gson().toJsonTree(e)));
        c.add("history", h);
        // the JSON names the tensor file: writing it is the commit point, older tensor files go afterwards
        writeAtomically(dir.resolve(CHECKPOINT), Json.print(c).getBytes(StandardCharsets.UTF_8));
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith("state-") && f.endsWith(".ndlist") && !f.equals(name)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // a stale tensor file only costs disk space
        }
    }

    private void writeWeights(Trainer trainer, String file) {
        NDList list = new NDList();
        list.addAll(trainer.parameterArrays());
        writeAtomically(dir.resolve(file), list.encode());
    }

    /** Loads a run's saved weights ({@link #BEST_WEIGHTS} or {@link #FINAL_WEIGHTS}) into {@code trainer}. */
    public static void loadWeights(Path dir, String file, Trainer trainer) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(dir + " holds no " + file + " (has the run finished an epoch?)");
        }
        try (NDManager m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
             InputStream in = Files.newInputStream(p)) {
            trainer.load(NDList.decode(m, in), null);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage());
        }
    }

    private void writeHistory(List<EpochStats> history) {
        StringBuilder sb = new StringBuilder("epoch,train_loss,lr,test_top1,seconds,images_per_second\n");
        for (EpochStats e : history) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.8f,%.2f,%.2f,%.2f%n", e.epoch(), e.trainLoss(), e.lr(),
                    e.testTop1(), e.seconds(), e.imagesPerSecond()));
        }
        writeAtomically(dir.resolve(HISTORY), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeLedger() {
        ledger.addProperty("library", Workbench.VERSION);
        writeAtomically(dir.resolve(LEDGER), Json.print(ledger).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes to a temporary file beside {@code target}, syncs it, then renames it over {@code target}. */
    static void writeAtomically(Path target, byte[] bytes) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp);
                 var ch = java.nio.channels.Channels.newChannel(out)) {
                out.write(bytes);
                out.flush();
            }
            try (var fc = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                fc.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
