/*
 * Start-up race fix for rapaio-jupyter-kernel 3.0.1 (Zen-NAS Workbench, kernel-setup).
 *
 * This class shadows org.rapaio.jupyter.kernel.channels.LoopThread of the kernel jar: it has the same
 * package, name, fields and public API, and kernel.json puts its directory AHEAD of the kernel jar on the
 * class path, so the JVM loads this one. The only change is in start(): the original calls
 * Thread.start() and only then sets running = true; a new thread scheduled before that assignment sees
 * running == false, leaves its loop at once, and the shell or heartbeat channel is dead for the life of
 * the kernel (30-50 % of starts hung on a loaded 2-core machine). Here the flag is set first.
 *
 * Second, smaller fix found by the stress run: Channels.connect() binds the channels (starting their loop
 * threads) before it creates its handler map, so a kernel_info_request that arrives in that window makes
 * the shell loop body throw a NullPointerException, and in the original an exception ends the thread (dead
 * shell channel again). Here a loop body that throws is logged and the loop goes on; the dropped message
 * is harmless because clients re-send kernel_info_request until answered. After MAX_FAILURES exceptions
 * the old behaviour returns (the thread ends), so a persistently broken channel cannot spin for ever.
 *
 * It depends on the internals of 3.0.1 (checked with `javap -p -c`): kernel-setup/install pins that
 * version and checks the jar's class against the expected shape before using this fix.
 */
package org.rapaio.jupyter.kernel.channels;

public final class LoopThread extends Thread {

    private static final int MAX_FAILURES = 100;

    private volatile boolean running;
    private int failures;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.running = false;
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                if (++failures > MAX_FAILURES) {
                    throw e;
                }
                System.err.println("[zen kernel fix] " + getName() + ": loop body threw " + e
                        + " (message dropped, loop continues)");
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        // The fix: the flag must be visible before the new thread can run its first loop test.
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
