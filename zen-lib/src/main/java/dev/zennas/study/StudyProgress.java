package dev.zennas.study;

import dev.zennas.scoring.ScoreResult;
import dev.zennas.scoring.ScoringRunner;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A study's throttled progress lines, e.g. "[zen nb201/cifar10] 120/1000 scored (+35 cached), 2.1 arch/s, ETA 7m00s",
 * with the process's resident memory (whether it stays flat over a long sweep), one line per failed architecture, and
 * a line when Ctrl-C stops the run.
 */
final class StudyProgress implements ScoringRunner.Listener {
    private final PrintStream out;
    private final double everySeconds;
    private final String label;
    private final String proxy;
    private final int cached;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong lastPrint = new AtomicLong(System.nanoTime());
    private long start = System.nanoTime();
    private int total;
    private long peakRss = -1;
    private long firstRss = -1;

    /** {@code cached}: architectures whose score came from the cache (members of a class count one each). */
    StudyProgress(PrintStream out, double everySeconds, String proxy, String spaceAndDataset, int cached) {
        this.out = out;
        this.everySeconds = everySeconds;
        this.proxy = proxy;
        this.label = proxy + " " + spaceAndDataset;
        this.cached = cached;
    }

    @Override
    public void started(int toCompute, int cachedUnits) {
        total = toCompute;
        start = System.nanoTime();
        lastPrint.set(start);
    }

    @Override
    public void completed(ScoreResult result) {
        if (result.failed() && out != null) {
            out.println("[" + proxy + "] arch " + result.key() + " failed: " + result.failure());
        }
        int d = done.incrementAndGet();
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (out != null && now - last >= everySeconds * 1e9 && lastPrint.compareAndSet(last, now)) {
            synchronized (this) {
                out.println(line(d, now));
            }
        }
    }

    @Override
    public void stopping() {
        if (out != null) {
            out.println("[" + proxy + "] stopping: finishing the scores in progress; the others stay in the cache for"
                    + " the next run");
        }
    }

    @Override
    public synchronized void finished() {
        if (out != null) {
            out.println(line(done.get(), System.nanoTime()));
        }
    }

    private String line(int d, long now) {
        double secs = (now - start) / 1e9;
        double rate = d / Math.max(secs, 1e-9);
        long eta = rate > 0 ? Math.round((total - d) / rate) : -1;
        long rss = dev.zennas.bench.Soak.rss();
        peakRss = Math.max(peakRss, rss);
        if (firstRss < 0 && d >= Math.max(1, total / 10)) {
            firstRss = rss; // after warm-up: the baseline that "memory stays flat" is judged against
        }
        String memory = rss < 0 ? "" : String.format(", RSS %d MiB (peak %d%s)", rss >> 20, peakRss >> 20,
                firstRss < 0 ? "" : String.format(", %+.1f %% since 10 %%", 100.0 * (rss - firstRss) / firstRss));
        return String.format("[%s] %d/%d scored (+%d cached), %.2f arch/s, elapsed %s, ETA %s%s", label, d, total,
                cached, rate, fmt(Math.round(secs)), eta < 0 ? "?" : fmt(eta), memory);
    }

    private static String fmt(long s) {
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format("%dm%02ds", s / 60, s % 60);
    }
}
