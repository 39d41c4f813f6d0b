package dev.zennas.scoring;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.util.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The default executor: a pool of {@link ExecutionSettings#threads()} daemon worker threads in this JVM (fewer when
 * there are fewer units), each scoring one unit at a time. With more than one worker the engine's intra-op pool is
 * set to one thread for the call and restored afterwards: several single-threaded workers beat one multi-threaded
 * forward on small nets, and OpenMP barriers collapse on a loaded machine. A single worker leaves the count as it is
 * (the {@code zen} launcher's is one): values depend on it, since kernels split their sums by it.
 */
public final class LocalExecutor implements ScoringExecutor {
    /** The kind's name. */
    public static final String NAME = "local";

    private final Function<String, ZeroShotProxy> proxies;
    private volatile ExecutorService running;
    private volatile boolean stopped;

    /** Proxies from the registry. */
    public LocalExecutor() {
        this(Scoring::proxy);
    }

    /** Proxies from {@code proxies} by name (instances a caller holds: a notebook's own proxy, a test's fake). */
    public LocalExecutor(Function<String, ZeroShotProxy> proxies) {
        this.proxies = proxies;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ScoreResult> execute(List<WorkUnit> units, ExecutionSettings execution,
            Consumer<ScoreResult> onResult) {
        if (units.isEmpty() || stopped) {
            return List.of();
        }
        Engine.getInstance(); // the native library must be loaded before JniUtils is used
        int threads = Math.min(execution.threads(), units.size());
        int previousIntraOp = JniUtils.getNumThreads();
        if (threads > 1) {
            JniUtils.setNumThreads(1);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "zen-score-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running = pool;
        try {
            List<Future<ScoreResult>> futures = new ArrayList<>();
            for (WorkUnit unit : units) {
                futures.add(pool.submit(() -> {
                    ScoreResult r = Scoring.compute(unit, proxies.apply(unit.spec().proxy()), execution);
                    onResult.accept(r);
                    return r;
                }));
            }
            List<ScoreResult> results = new ArrayList<>(units.size());
            for (Future<ScoreResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (CancellationException e) {
                    if (!stopped) {
                        throw e;
                    }
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scoring interrupted", e);
        } catch (ExecutionException e) {
            throw Futures.failure(e, cause -> new IllegalStateException("scoring failed: " + cause, cause));
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool, 1, TimeUnit.HOURS); // no worker may touch the caller's state (a cache) after this
            running = null;
            if (threads > 1) {
                JniUtils.setNumThreads(previousIntraOp);
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        ExecutorService pool = running;
        if (pool != null) {
            pool.shutdownNow();
            awaitQuietly(pool, 10, TimeUnit.MINUTES);
        }
    }

    private static void awaitQuietly(ExecutorService pool, long time, TimeUnit unit) {
        try {
            if (!pool.awaitTermination(time, unit)) {
                throw new IllegalStateException("scoring workers did not stop within " + time + " " + unit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The {@code local} kind; it takes no options. */
    public static final class Provider implements ScoringExecutorProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ScoringExecutor create(Map<String, String> options) {
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("the local executor takes no options, got " + options.keySet());
            }
            return new LocalExecutor();
        }
    }
}
