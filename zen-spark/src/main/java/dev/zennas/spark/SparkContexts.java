package dev.zennas.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one Spark context of this JVM (Spark allows one): started on first use for a master URL, kept for the next
 * run on the same master — a notebook or a test pays the start-up once — and replaced when another master is asked
 * for. Spark stops it at JVM exit.
 */
public final class SparkContexts {
    private static JavaSparkContext current;
    private static String currentMaster;
    private static double lastStartSeconds = Double.NaN;

    private SparkContexts() {
    }

    /** The context for {@code master} ({@code local[N]}, {@code spark://HOST:PORT}, ...), started if needed. */
    public static synchronized JavaSparkContext get(String master) {
        if (current != null && master.equals(currentMaster) && !current.sc().isStopped()) {
            return current;
        }
        stop();
        quietSparkLogs();
        long t0 = System.nanoTime();
        current = new JavaSparkContext(conf(master));
        lastStartSeconds = (System.nanoTime() - t0) / 1e9;
        currentMaster = master;
        return current;
    }

    /** Seconds the last {@link #get} spent starting a context (NaN before the first). */
    public static synchronized double lastStartSeconds() {
        return lastStartSeconds;
    }

    /**
     * Spark, Hadoop and Spark's shaded libraries log at WARN (the workbench's slf4j-simple logs INFO by default, and
     * Spark's INFO lines would bury the runner's progress); a {@code -Dorg.slf4j.simpleLogger.log.*} setting wins.
     */
    private static void quietSparkLogs() {
        for (String prefix : new String[] {"org.apache.spark", "org.sparkproject", "org.apache.hadoop"}) {
            String key = "org.slf4j.simpleLogger.log." + prefix;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
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
        SparkConf conf = new SparkConf().setMaster(master).setAppName("zen-nas-scoring")
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
