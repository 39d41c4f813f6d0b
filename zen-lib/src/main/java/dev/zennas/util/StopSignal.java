package dev.zennas.util;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C or SIGTERM as a flag for long work: while open, the signal sets {@link #flag()} and holds the JVM's exit
 * until this is closed (at most ten minutes), so the work can stop at a clean boundary and write what it must first.
 *
 * <pre>{@code
 * try (StopSignal stop = StopSignal.install("zen-train-stop")) {
 *     run.run(listener, stop.flag());
 * }
 * }</pre>
 */
public final class StopSignal implements AutoCloseable {

    private final AtomicBoolean flag = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final ExitHook hook;

    private StopSignal(String name) {
        this.hook = ExitHook.install(name, () -> {
            flag.set(true);
            try {
                done.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Installs the hook under the thread name {@code name}. */
    public static StopSignal install(String name) {
        return new StopSignal(name);
    }

    /** True once a stop was asked for. */
    public AtomicBoolean flag() {
        return flag;
    }

    @Override
    public void close() {
        done.countDown();
        hook.close();
    }
}
