package dev.zennas.util;

/**
 * A JVM shutdown hook that lives as long as a try-with-resources block: Ctrl-C or SIGTERM while the block runs starts
 * {@code onExit}; closing the block removes the hook. Long native work needs one: the JVM's exit runs libtorch's
 * static destructors, and a worker still inside a native op then dies of SIGSEGV with a crash report (seen when a
 * GradNorm sweep was stopped in its backward pass). {@code onExit} should ask the work to stop and wait, bounded,
 * until it has.
 */
public final class ExitHook implements AutoCloseable {
    private final Thread thread; // null when the JVM was already exiting

    private ExitHook(Thread thread) {
        this.thread = thread;
    }

    /** Registers {@code onExit} as a shutdown hook named {@code name}. */
    public static ExitHook install(String name, Runnable onExit) {
        Thread t = new Thread(onExit, name);
        try {
            Runtime.getRuntime().addShutdownHook(t);
            return new ExitHook(t);
        } catch (IllegalStateException e) { // already exiting: nothing to hook
            return new ExitHook(null);
        }
    }

    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
            // the JVM is exiting and the hook is running: it stays
        }
    }
}
