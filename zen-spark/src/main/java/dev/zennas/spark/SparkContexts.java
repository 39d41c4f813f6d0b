package dev.zennas.spark;

import org.apache.spark.SparkConf;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * The one Spark context of this JVM (Spark allows one): started on first use for a master URL, kept for the next
 * run on the same master — a notebook or a test pays the start-up once — and replaced when another master is asked
 * for. Spark stops it at JVM exit.
 */
public final class SparkContexts {
    /** INFO: the start-up time of each context ({@code -Dorg.slf4j.simpleLogger.log.dev.zennas.spark=info}). */
    private static final Logger LOG = LoggerFactory.getLogger(SparkContexts.class);
    private static JavaSparkContext current;
    private static String currentMaster;

    private SparkContexts() {
    }

    /** The context for {@code master} ({@code local[N]}, {@code spark://HOST:PORT}, ...), started if needed. */
    public static synchronized JavaSparkContext get(String master) {
        if (current != null && master.equals(currentMaster) && !current.sc().isStopped()) {
            return current;
        }
        stop();
        long t0 = System.nanoTime();
        current = new JavaSparkContext(conf(master));
        currentMaster = master;
        ShutdownHookManager.addShutdownHook(ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY() + 1,
                new DrainBeforeStop(current));
        LOG.info("Spark context on {} started in {} s", master, String.format("%.2f", (System.nanoTime() - t0) / 1e9));
        return current;
    }

    /**
     * Runs at JVM exit (Ctrl-C, SIGTERM) just before Spark's own hook stops the context: cancels every job and waits,
     * at most a minute, for the tasks already running to end. Stopping the context under a running task makes Spark
     * log a stack trace for each one that ends afterwards.
     */
    private static final class DrainBeforeStop extends AbstractFunction0<BoxedUnit> {
        private final JavaSparkContext sc;

        DrainBeforeStop(JavaSparkContext sc) {
            this.sc = sc;
        }

        @Override
        public BoxedUnit apply() {
            if (sc.sc().isStopped()) {
                return BoxedUnit.UNIT;
            }
            sc.cancelAllJobs();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline
                    && Arrays.stream(sc.sc().statusTracker().getExecutorInfos()).anyMatch(e -> e.numRunningTasks() > 0)) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return BoxedUnit.UNIT;
        }
    }

    /** Cancels the jobs of {@code group} on the current context, if it runs. */
    static synchronized void cancel(String group) {
        if (current != null && !current.sc().isStopped()) {
            current.cancelJobGroup(group);
        }
    }

    /** Stops the context, if any. */
    public static synchronized void stop() {
        if (current != null) {
            current.stop();
            current = null;
            currentMaster = null;
        }
    }

    /**
     * The settings the workbench starts Spark with. A setting given by {@code spark-submit --conf} or a
     * {@code spark.*} system property wins: {@code setIfMissing} only fills gaps.
     */
    static SparkConf conf(String master) {
        SparkConf conf = new SparkConf().setMaster(master).setIfMissing("spark.app.name", "zen-nas-scoring")
                // Progress is the runner's own line; Spark's console bar would interleave with it.
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        if (isLocal(master)) {
            // Local mode runs every task in this JVM: bind to loopback, so a run needs no network and a machine
            // whose host name resolves oddly still starts; no web UI port either.
            conf.setIfMissing("spark.driver.host", "127.0.0.1")
                    .setIfMissing("spark.driver.bindAddress", "127.0.0.1")
                    .setIfMissing("spark.ui.enabled", "false");
        }
        return conf;
    }

    /** True for {@code local}, {@code local[N]}, {@code local[*]} and {@code local[N,F]}. */
    public static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }
}
