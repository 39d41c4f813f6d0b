package dev.zennas.latency;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * What a timed run reads. {@link #WALL} is the latency a user waits for. {@link #CPU} is the measuring thread's CPU
 * time: with one intra-op thread every op runs on that thread, so CPU time is the wall time the forward would take on
 * an otherwise idle core, and time spent descheduled by other processes on a shared machine is not counted. It is
 * refused for more than one thread, where work runs on other threads too.
 */
public enum Clock {
    WALL, CPU;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Nanoseconds on this clock (for differences only). */
    public long nanos() {
        return this == WALL ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
    }

    public static Clock parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "wall" -> WALL;
            case "cpu" -> CPU;
            default -> throw new IllegalArgumentException("unknown clock '" + s + "' (wall or cpu)");
        };
    }

    /** CPU time for one thread (robust on a shared machine), wall time otherwise. */
    public static Clock defaultFor(int threads) {
        return threads == 1 ? CPU : WALL;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Refuses the CPU clock for more than one thread. */
    public void checkThreads(int threads) {
        if (this == CPU && threads != 1) {
            throw new IllegalArgumentException("the cpu clock measures the calling thread only, so it needs --threads 1"
                    + " (got " + threads + "); use --clock wall with more threads");
        }
        if (this == CPU && !THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalArgumentException("this JVM cannot read thread CPU time; use --clock wall");
        }
    }
}
