package dev.zennas.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.Scoring;
import dev.zennas.scoring.ScoringExecutor;
import dev.zennas.scoring.ScoringExecutorProvider;
import dev.zennas.scoring.WorkUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Scores work units on Apache Spark: the executor kind {@code spark}. The units travel as records (data, no code);
 * every task runs the named function {@link ScoreUnits}, which calls {@link Scoring#compute} — the function the local
 * pool calls — so a unit's value is the same bit for bit wherever it is computed. Each task's results come back to
 * the driver as soon as the task ends and go to the caller's {@code onResult} (the score cache), so a job killed
 * midway keeps everything that finished and the next run scores only the rest.
 *
 * <p>Each executor JVM loads its own engine: the offline CPU natives of libtorch from the jar, one intra-op thread
 * per task (Spark runs one task per core, as the local pool runs one unit per worker).
 *
 * <p>Options ({@link Provider#create}): {@code master} — {@code local[N]}, {@code spark://HOST:PORT}, ... (default
 * {@code local[*]}); {@code units-per-task} — work units per Spark task (default 1: one score lost at most per task
 * in flight when a job is killed; a few more cut the scheduling overhead on clusters with many small units).
 */
public final class SparkExecutor implements ScoringExecutor {
    /** The kind's name. */
    public static final String NAME = "spark";

    private static final AtomicLong JOBS = new AtomicLong();
    /** The master URLs Spark accepts: local modes, standalone (several masters allowed), YARN, Kubernetes. */
    private static final Pattern MASTER_URL = Pattern.compile(
            "local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+,\\d+,\\d+]|spark://\\S+|yarn|k8s://\\S+");

    private final String master;
    private final int unitsPerTask;
    private volatile String runningGroup;
    private volatile boolean stopped;

    /** An executor for {@code master}, {@code unitsPerTask} units to a task. */
    public SparkExecutor(String master, int unitsPerTask) {
        if (master == null || !MASTER_URL.matcher(master.strip()).matches()) {
            throw new IllegalArgumentException("not a Spark master URL: '" + master + "' (expected local[N], local[*],"
                    + " spark://HOST:PORT, yarn or k8s://HOST:PORT)");
        }
        if (unitsPerTask < 1) {
            throw new IllegalArgumentException("units per task must be >= 1, got " + unitsPerTask);
        }
        this.master = master.strip();
        this.unitsPerTask = unitsPerTask;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The master URL. */
    public String master() {
        return master;
    }

    @Override
    public List<ScoreResult> execute(List<WorkUnit> units, ExecutionSettings execution,
            Consumer<ScoreResult> onResult) {
        if (units.isEmpty() || stopped) {
            return List.of();
        }
        JavaSparkContext sc;
        try {
            sc = SparkContexts.get(master);
        } catch (Exception e) { // SparkException: undeclared, checked
            throw new IllegalStateException("cannot start Spark on " + master + ": " + rootMessage(e), e);
        }
        ExecutionSettings resolved = resolvePasses(execution);
        boolean local = SparkContexts.isLocal(master);
        // Local mode runs the tasks in this JVM: its intra-op pool goes to one thread for the job, as the local
        // pool does, and back afterwards. A cluster's executors set theirs in ScoreUnits.
        int previousIntraOp = -1;
        if (local) {
            Engine.getEngine("PyTorch");
            previousIntraOp = JniUtils.getNumThreads();
            JniUtils.setNumThreads(1);
        }
        Map<Long, ScoreResult> byKey = new HashMap<>();
        String group = "zen-scoring-" + JOBS.incrementAndGet();
        runningGroup = group;
        // No thread interrupt on cancel: a task in the middle of a forward finishes it rather than fail half-way.
        sc.setJobGroup(group, units.size() + " work units", false);
        try {
            StreamingJob.run(sc, units, unitsPerTask, new ScoreUnits(resolved), r -> {
                synchronized (byKey) {
                    byKey.put(r.key(), r);
                }
                onResult.accept(r);
            });
        } catch (Exception e) { // SparkException is checked in Java's eyes but thrown undeclared by Scala
            if (!stopped && !sc.sc().isStopped()) {
                throw new IllegalStateException("Spark job failed: " + rootMessage(e), e);
            }
            // stopped (Ctrl-C, a shutdown hook, stop()): what finished has reached onResult; the rest is not scored
        } finally {
            sc.clearJobGroup();
            runningGroup = null;
            if (local && previousIntraOp > 0) {
                JniUtils.setNumThreads(previousIntraOp);
            }
        }
        List<ScoreResult> results = new ArrayList<>(units.size());
        synchronized (byKey) {
            for (WorkUnit u : units) {
                ScoreResult r = byKey.get(u.key());
                if (r != null) {
                    results.add(r);
                }
            }
        }
        return results;
    }

    /**
     * The Zen-Score's passes as a local run on the driver's machine would choose them with one intra-op thread:
     * concurrent on two or more cores. Decided once here, not per executor, because the two modes agree only to
     * about 1e-9 and an executor on a one-core machine would otherwise choose differently.
     */
    static ExecutionSettings resolvePasses(ExecutionSettings execution) {
        if (execution.passes() != ExecutionSettings.Passes.AUTO) {
            return execution;
        }
        return execution.withPasses(Runtime.getRuntime().availableProcessors() >= 2
                ? ExecutionSettings.Passes.CONCURRENT : ExecutionSettings.Passes.SEQUENTIAL);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /**
     * Starts no further task. Spark lets the tasks already running end, but it drops their results once their job is
     * cancelled: at most one task per core is lost (its units are scored again by the next run).
     */
    @Override
    public void stop() {
        stopped = true;
        String group = runningGroup;
        if (group != null) {
            SparkContexts.cancel(group);
        }
    }

    /**
     * The work of one Spark task, in the executor JVM: scores its units with {@link Scoring#compute} under the
     * driver's execution settings. A named class, so Spark ships data and this class name, never a closure.
     */
    static final class ScoreUnits extends StreamingJob.TaskFunction<WorkUnit, ScoreResult> {
        private static final long serialVersionUID = 1L;
        private final ExecutionSettings execution;

        ScoreUnits(ExecutionSettings execution) {
            this.execution = execution;
        }

        @Override
        ArrayList<ScoreResult> run(Iterator<WorkUnit> units) {
            ExecutorEngine.prepare();
            ArrayList<ScoreResult> out = new ArrayList<>();
            while (units.hasNext()) {
                out.add(Scoring.compute(units.next(), execution));
            }
            return out;
        }
    }

    /** The {@code spark} kind; options {@code master} and {@code units-per-task}. */
    public static final class Provider implements ScoringExecutorProvider {
        /** The master when none is given and spark-submit named none: every core of this machine. */
        public static final String DEFAULT_MASTER = "local[*]";
        private static final Set<String> OPTIONS = Set.of("master", "units-per-task");

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ScoringExecutor create(Map<String, String> options) {
            for (String key : options.keySet()) {
                if (!OPTIONS.contains(key)) {
                    throw new IllegalArgumentException("unknown option '" + key + "' of the spark executor (known: "
                            + String.join(", ", OPTIONS.stream().sorted().toList()) + ")");
                }
            }
            int perTask;
            try {
                perTask = Integer.parseInt(options.getOrDefault("units-per-task", "1").strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("units-per-task must be a whole number, got '"
                        + options.get("units-per-task") + "'");
            }
            // under spark-submit, its --master (the spark.master property) is the default
            String master = options.getOrDefault("master", System.getProperty("spark.master", DEFAULT_MASTER));
            return new SparkExecutor(master, perTask);
        }
    }
}
