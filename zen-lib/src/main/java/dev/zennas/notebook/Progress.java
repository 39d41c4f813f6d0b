package dev.zennas.notebook;

import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;

/**
 * Progress of long notebook work: one line that is updated in place where the kernel can update outputs
 * (rapaio), otherwise a short line per reported step, throttled to about one line every two seconds or every
 * tenth of the work. Closing prints the final count and time.
 *
 * <pre>{@code
 * try (var p = Progress.start("scoring", nets.size())) {
 *     for (var net : nets) { score(net); p.step(); }
 * }
 * for (var net : Progress.over("scoring", nets)) { score(net); }   // same, for a loop
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    private static final long UPDATE_NS = 500_000_000L;       // in-place updates at most twice a second
    private static final long LINE_NS = 2_000_000_000L;       // new lines at most every two seconds

    private final String label;
    private final long total;
    private final long startNs = System.nanoTime();
    private final String displayId;
    private long done;
    private long lastShownNs = startNs;
    private long lastShownTenth = 0;
    private String note = "";
    private boolean closed;

    private Progress(String label, long total) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("progress label must not be empty");
        }
        this.label = label;
        this.total = total;
        this.displayId = Display.updatable(line());
    }

    /** Starts reporting work of {@code total} steps ({@code total <= 0}: unknown). */
    public static Progress start(String label, long total) {
        return new Progress(label, total);
    }

    /** Iterates {@code items}, reporting one step per item and the total when the loop ends. */
    public static <T> Iterable<T> over(String label, Collection<T> items) {
        return () -> new Iterator<>() {
            private final Iterator<T> it = items.iterator();
            private final Progress p = start(label, items.size());
            private boolean pending; // the item handed out last is finished once the loop asks for more

            @Override
            public boolean hasNext() {
                boolean more = it.hasNext();
                if (!more) {
                    finishPending();
                    p.close();
                }
                return more;
            }

            @Override
            public T next() {
                finishPending();
                T item = it.next();
                pending = true;
                return item;
            }

            private void finishPending() {
                if (pending) {
                    pending = false;
                    p.step();
                }
            }
        };
    }

    /** One step done. */
    public void step() {
        advance(1, null);
    }

    /** One step done, with a short note shown after the count (e.g. the current best score). */
    public void step(String note) {
        advance(1, note);
    }

    /** {@code steps} steps done. */
    public synchronized void advance(long steps, String note) {
        if (closed) {
            return;
        }
        done += steps;
        if (note != null) {
            this.note = note;
        }
        long now = System.nanoTime();
        long tenth = total > 0 ? done * 10 / total : 0;
        boolean finished = total > 0 && done >= total;
        if (displayId != null) {
            if (now - lastShownNs >= UPDATE_NS || finished) {
                Display.update(displayId, line());
                lastShownNs = now;
            }
        } else if (now - lastShownNs >= LINE_NS || tenth > lastShownTenth) {
            Display.text(line());
            lastShownNs = now;
            lastShownTenth = tenth;
        }
    }

    /** Steps reported so far. */
    public synchronized long done() {
        return done;
    }

    /** The current progress line, e.g. {@code "scoring: 40/100 (40%) 12.1 s, ~18 s left  best 3.2"}. */
    public synchronized String line() {
        double s = (System.nanoTime() - startNs) / 1e9;
        StringBuilder b = new StringBuilder(label).append(": ").append(done);
        if (total > 0) {
            b.append('/').append(total).append(" (").append(done * 100 / total).append("%)");
        }
        b.append(String.format(Locale.ROOT, " %.1f s", s));
        if (total > 0 && done > 0 && done < total) {
            b.append(String.format(Locale.ROOT, ", ~%.0f s left", s / done * (total - done)));
        }
        if (!note.isEmpty()) {
            b.append("  ").append(note);
        }
        return b.toString();
    }

    /** Shows the final line ("done"). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String last = line() + " - done";
        if (displayId != null) {
            Display.update(displayId, last);
        } else {
            Display.text(last);
        }
    }
}
