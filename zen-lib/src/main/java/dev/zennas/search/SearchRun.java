package dev.zennas.search;

import dev.zennas.budget.Verdict;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.arch.Counts;
import dev.zennas.arch.Structure;
import dev.zennas.scoring.LocalExecutor;
import dev.zennas.scoring.ScoringExecutor;
import dev.zennas.util.ExitHook;
import dev.zennas.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A search run on disk: a directory with
 * <ul>
 *   <li>{@code ledger.json} — preset and every setting, seed, library/DJL/engine versions, machine, start/end of every
 *       session, timings, diagnostics, the best structure with its score and counts;</li>
 *   <li>{@code snapshot.json} — the full {@link SearchState} every {@code snapshotEvery} iterations;</li>
 *   <li>{@code best_structure.txt} — the winner in the ZenNAS string format;</li>
 *   <li>{@code curve.csv} — the score curve.</li>
 * </ul>
 * Every file is written to a temporary file and renamed, so a kill at any moment leaves either the old or the new
 * version. {@link #resume} continues from the last snapshot; since all randomness is a function of (seed, iteration),
 * the resumed run ends with the same population and result as an uninterrupted one.
 */
public final class SearchRun {
    public static final String LEDGER = "ledger.json";
    public static final String SNAPSHOT = "snapshot.json";
    public static final String BEST = "best_structure.txt";
    public static final String CURVE = "curve.csv";

    private final Path dir;
    private final SearchSettings settings;
    private final SearchState state;
    private final JsonObject ledger;

    private SearchRun(Path dir, SearchSettings settings, SearchState state, JsonObject ledger) {
        this.dir = dir;
        this.settings = settings;
        this.state = state;
        this.ledger = ledger;
    }

    /** Creates a new run directory (it must not already hold a ledger). */
    public static SearchRun create(Path dir, SearchSettings settings) {
        if (Files.exists(dir.resolve(LEDGER))) {
            throw new IllegalArgumentException("run directory " + dir + " already holds a run; use --resume " + dir + " or another --out");
        }
        SearchState fresh;
        try (EvolutionSearch es = new EvolutionSearch(settings, 1)) { // validates: latency presets, proxy name
            fresh = es.newState();
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
        JsonObject ledger = new JsonObject();
        ledger.addProperty("format", 1);
        ledger.addProperty("preset", settings.preset());
        ledger.add("settings", Json.gson().toJsonTree(settings));
        ledger.addProperty("seed", settings.seed());
        ledger.add("versions", RunInfo.versions(settings.fitness().proxy()));
        ledger.add("machine", RunInfo.machine());
        ledger.addProperty("started", Instant.now().toString());
        ledger.addProperty("status", "running");
        ledger.add("sessions", new JsonArray());
        SearchRun run = new SearchRun(dir, settings, fresh, ledger);
        run.writeLedger();
        return run;
    }

    /** Opens an existing run directory and restores the last snapshot (or a fresh state when none was written). */
    public static SearchRun resume(Path dir) {
        return resume(dir, null);
    }

    /**
     * As {@link #resume(Path)}; a run with a latency budget gets {@code latency} (may be null) to check it, since
     * ledgers do not store the predictor.
     */
    public static SearchRun resume(Path dir, dev.zennas.budget.LatencyModel latency) {
        Path l = dir.resolve(LEDGER);
        if (!Files.isRegularFile(l)) throw new IllegalArgumentException("no search run in " + dir + " (missing " + LEDGER + ")");
        JsonObject ledger;
        try {
            ledger = JsonParser.parseString(Files.readString(l)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + l + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("corrupt ledger " + l + ": " + e.getMessage(), e);
        }
        SearchSettings settings = Json.gson().fromJson(ledger.get("settings"), SearchSettings.class);
        if (latency != null && settings.constraints().maxLatencyMs() > 0) {
            SearchSettings.Builder b = settings.toBuilder();
            b.latencyModel = latency;
            settings = b.build();
        }
        SearchState state;
        Path snap = dir.resolve(SNAPSHOT);
        if (Files.isRegularFile(snap)) {
            try {
                state = Json.gson().fromJson(Files.readString(snap), Snapshot.class).toState();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + snap + ": " + e.getMessage(), e);
            }
        } else {
            try (EvolutionSearch es = new EvolutionSearch(settings, 1)) {
                state = es.newState();
            }
        }
        return new SearchRun(dir, settings, state, ledger);
    }

    public Path dir() { return dir; }
    public SearchSettings settings() { return settings; }
    public SearchState state() { return state; }
    public JsonObject ledger() { return ledger; }
    public boolean finished() { return state.nextIteration >= settings.iterations(); }

    /**
     * The run's status as a report should print it. A session stopped by a signal or {@code kill -9} cannot update its
     * ledger, which then still says "running"; that word is believed only while a process holds the directory lock,
     * and is "interrupted" otherwise (the run resumes from its last snapshot either way).
     */
    public String status() {
        String recorded = ledger.has("status") ? ledger.get("status").getAsString() : "unknown";
        return "running".equals(recorded) && !DirectoryLock.isHeld(dir) ? "interrupted" : recorded;
    }

    /**
     * A listener that prints a {@link SearchState#progressLine} whenever a step crosses a curve point and at the last
     * iteration: progress for logs and transcripts, where a redrawn bar would be noise.
     */
    public EvolutionSearch.Listener curvePointLog(PrintWriter w) {
        long total = settings.iterations();
        long every = settings.curveEvery();
        return (st, from, to) -> {
            if (to / every != from / every || to == total) {
                w.println(st.progressLine(to, total));
                w.flush();
            }
        };
    }

    /** Runs to the end (see {@link #runUntil}). */
    public SearchState run(int threads, EvolutionSearch.Listener progress) {
        return runUntil(threads, settings.iterations(), progress);
    }

    /**
     * Runs until {@code until} iterations are done, snapshotting every {@code snapshotEvery} iterations and at the end;
     * writes the best structure, curve and final ledger when the run completes.
     */
    public SearchState runUntil(int threads, long until, EvolutionSearch.Listener progress) {
        return runUntil(threads, until, 0, progress);
    }

    /**
     * As {@link #runUntil(int, long, EvolutionSearch.Listener)}, stopping (resumably) once this session has run
     * {@code timeLimitSeconds} (0 = no limit).
     */
    public SearchState runUntil(int threads, long until, double timeLimitSeconds, EvolutionSearch.Listener progress) {
        return runUntil(null, threads, until, timeLimitSeconds, progress);
    }

    /**
     * As {@link #runUntil(int, long, double, EvolutionSearch.Listener)}, with the candidates scored by
     * {@code executor} (null: a pool of {@code threads} workers in this JVM). The result is the same on every
     * executor; the caller closes the executor.
     */
    public SearchState runUntil(ScoringExecutor executor, int threads, long until, double timeLimitSeconds,
            EvolutionSearch.Listener progress) {
        try (DirectoryLock ignored = DirectoryLock.acquire(dir)) {
            return runLocked(executor, threads, until, timeLimitSeconds, progress);
        }
    }

    private SearchState runLocked(ScoringExecutor executor, int threads, long until, double timeLimitSeconds,
            EvolutionSearch.Listener progress) {
        long deadline = timeLimitSeconds > 0 ? System.nanoTime() + (long) (timeLimitSeconds * 1e9) : Long.MAX_VALUE;
        JsonObject session = new JsonObject();
        session.addProperty("start", Instant.now().toString());
        session.addProperty("threads", threads);
        if (executor != null && !LocalExecutor.NAME.equals(executor.name())) {
            session.addProperty("engine", executor.name());
        }
        session.addProperty("fromIteration", state.nextIteration);
        JsonArray sessions = ledger.getAsJsonArray("sessions");
        for (JsonElement earlier : sessions) { // a session without an end was killed; say so rather than leave a gap
            JsonObject e = earlier.getAsJsonObject();
            if (!e.has("end")) e.addProperty("interrupted", true);
        }
        sessions.add(session);
        ledger.addProperty("status", "running");
        writeLedger();
        long every = settings.snapshotEvery();
        // Ctrl-C / SIGTERM: stop after the current step, write the snapshot and ledger, then let the JVM exit (a
        // worker still inside libtorch while it exits can die of SIGSEGV; the snapshot would survive, the ledger lie)
        AtomicBoolean signalled = new AtomicBoolean();
        CountDownLatch written = new CountDownLatch(1);
        try (ExitHook ignored = ExitHook.install("zen-search-stop", () -> {
            signalled.set(true);
            try {
                written.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            try (EvolutionSearch es = new EvolutionSearch(settings, executor, threads)) {
                es.runUntil(state, until, (st, from, to) -> {
                    if (to / every != from / every) writeSnapshot();
                    if (progress != null) progress.afterStep(st, from, to);
                }, () -> signalled.get() || System.nanoTime() > deadline);
            } catch (RuntimeException e) {
                // a signal can cancel the step in flight (a cluster's own shutdown hook cancels its jobs): the state
                // is that of the last whole step, so it is written and the run resumes from there
                if (!signalled.get()) throw e;
            }
            return endSession(session, signalled.get());
        } finally {
            written.countDown();
        }
    }

    private SearchState endSession(JsonObject session, boolean signalled) {
        writeSnapshot();
        session.addProperty("end", Instant.now().toString());
        session.addProperty("toIteration", state.nextIteration);
        if (signalled) {
            session.addProperty("interrupted", true);
        }
        // the best so far is written at every stop, so a run stopped by a time limit can be trained or reported
        Member best = state.best();
        if (best != null) write(BEST, best.structure() + "\n");
        if (finished()) {
            ledger.addProperty("status", "finished");
            ledger.addProperty("ended", Instant.now().toString());
        } else {
            ledger.addProperty("status", signalled ? "interrupted" : "stopped");
        }
        write(CURVE, curveCsv(state.curve));
        updateSummary();
        writeLedger();
        return state;
    }

    private void updateSummary() {
        JsonObject timings = new JsonObject();
        Json.put(timings, "elapsedSeconds", state.elapsedSeconds);
        Json.put(timings, "scoreSeconds", state.scoreSeconds);
        Json.put(timings, "iterationsPerSecond", state.elapsedSeconds > 0 ? state.nextIteration / state.elapsedSeconds : 0);
        ledger.add("timings", timings);
        JsonObject diag = new JsonObject();
        diag.addProperty("iterationsDone", state.nextIteration);
        JsonObject verdicts = new JsonObject();
        for (Map.Entry<Verdict, Long> e : state.verdicts.entrySet()) verdicts.addProperty(e.getKey().key(), e.getValue());
        diag.add("verdicts", verdicts);
        diag.addProperty("duplicates", state.duplicates);
        diag.addProperty("cacheHits", state.cacheHits);
        diag.addProperty("rescored", state.rescored);
        diag.addProperty("evaluations", state.evaluations);
        diag.addProperty("populationSize", state.population.size());
        ledger.add("diagnostics", diag);
        Member best = state.best();
        if (best != null) {
            JsonObject b = new JsonObject();
            b.addProperty("structure", best.structure());
            Json.put(b, "score", best.score());
            b.addProperty("iteration", best.iteration());
            Counts c = Counts.of(Structure.parse(best.structure()), settings.constraints().resolution(),
                    settings.constraints().numClasses(), false);
            b.addProperty("paramsCode", c.paramsCode());
            Json.put(b, "flopsCode", c.flopsCode());
            b.addProperty("layers", c.layers());
            ledger.add("best", b);
        }
    }

    /** Writes the snapshot atomically. */
    public void writeSnapshot() {
        write(SNAPSHOT, Json.print(Json.gson().toJsonTree(Snapshot.of(state))));
    }

    private void writeLedger() {
        write(LEDGER, Json.print(ledger));
    }

    static String curveCsv(List<CurvePoint> curve) {
        StringBuilder sb = new StringBuilder("iteration,best,median,worst,size,seconds\n");
        for (CurvePoint p : curve) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%d,%.3f%n", p.iteration(), p.best(), p.median(), p.worst(),
                    p.size(), p.seconds()));
        }
        return sb.toString();
    }

    private void write(String name, String content) {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The run directory's lock, held while a session writes to it: two processes resuming one directory would
     * interleave their snapshots and ledgers. An OS file lock dies with its process, so a killed run leaves none
     * behind; reports read without it.
     */
    private static final class DirectoryLock implements AutoCloseable {
        static final String FILE = ".lock";
        private final FileChannel channel;
        private final FileLock lock;

        private DirectoryLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static DirectoryLock acquire(Path dir) {
            FileChannel channel;
            try {
                channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock run directory " + dir + ": " + e.getMessage(), e);
            }
            FileLock lock;
            try {
                lock = tryLock(channel);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot lock run directory " + dir + ": " + e.getMessage(), e);
            }
            if (lock == null) {
                closeQuietly(channel);
                throw new IllegalArgumentException("run directory " + dir + " is in use by another search; wait for it"
                        + " to stop (or stop it) before resuming — its snapshots would be overwritten");
            }
            return new DirectoryLock(channel, lock);
        }

        /** Whether some session (this JVM or another process) holds the lock of {@code dir}; takes no lock itself. */
        static boolean isHeld(Path dir) {
            Path file = dir.resolve(FILE);
            if (!Files.exists(file)) return false; // every session creates it before writing
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock probe = tryLock(channel);
                if (probe == null) return true;
                probe.release();
                return false;
            } catch (IOException e) {
                return false; // cannot open it for writing: no session of ours can hold it either
            }
        }

        /** The lock, or null when a session holds it: another process, or this JVM (OverlappingFileLockException). */
        private static FileLock tryLock(FileChannel channel) throws IOException {
            try {
                return channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return null;
            }
        }

        private static void closeQuietly(FileChannel c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing was locked
            }
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unlock " + FILE + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads a run's snapshot without resuming (for reports). */
    public static JsonElement readJson(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
