package dev.zennas.study;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Append-only on-disk cache of proxy scores for one (space, dataset, proxy, settings) combination: one CSV file,
 * one line {@code arch_index,value,seconds} per scored architecture, flushed as soon as it is written. A killed run
 * leaves at worst a partial last line, which {@link #open} skips; the next run scores only what is missing, and any
 * later study with the same key reuses the scores.
 *
 * <p>Values are written with {@link Double#toString}, so −∞ (a disconnected cell's Zen-Score) and NaN round-trip.
 */
public final class ScoreCache implements AutoCloseable {
    private final Path file;
    private final Map<Integer, Entry> entries;
    private BufferedWriter writer;

    /** One cached score. */
    public record Entry(int archIndex, double value, double seconds) {
    }

    private ScoreCache(Path file, Map<Integer, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Opens (creating if needed) the cache file {@code dir/<key>.csv}.
     *
     * @param dir cache directory
     * @param key file name stem; must be a safe file name (letters, digits, {@code ._-=})
     * @param description written once as a {@code #} comment line when the file is created
     */
    public static ScoreCache open(Path dir, String key, String description) {
        if (!key.matches("[A-Za-z0-9._=-]+")) {
            throw new IllegalArgumentException("cache key must be a plain file name, got '" + key + "'");
        }
        Path file = dir.resolve(key + ".csv");
        Map<Integer, Entry> entries = new HashMap<>();
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        Entry e = parse(line);
                        if (e != null) {
                            entries.put(e.archIndex(), e);
                        }
                    }
                }
            }
            ScoreCache cache = new ScoreCache(file, entries);
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            cache.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            if (fresh) {
                cache.writer.write("# " + description.replace('\n', ' ') + "\n# arch_index,value,seconds\n");
                cache.writer.flush();
            } else if (!endsWithNewline(file)) {
                // A run killed mid-line: terminate the fragment so the next entry starts on its own line.
                cache.writer.write("\n");
                cache.writer.flush();
            }
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open score cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var ch = Files.newByteChannel(file)) {
            if (ch.size() == 0) {
                return true;
            }
            ch.position(ch.size() - 1);
            var buf = java.nio.ByteBuffer.allocate(1);
            ch.read(buf);
            return buf.get(0) == '\n';
        }
    }

    /** Parses one data line; null for comments, blank, partial or malformed lines. */
    static Entry parse(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return null;
        }
        String[] f = line.split(",", -1);
        if (f.length != 3) {
            return null;
        }
        try {
            return new Entry(Integer.parseInt(f[0].strip()), Double.parseDouble(f[1].strip()),
                    Double.parseDouble(f[2].strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /** The cached entry of {@code archIndex}, or null. */
    public synchronized Entry get(int archIndex) {
        return entries.get(archIndex);
    }

    /** Number of cached architectures. */
    public synchronized int size() {
        return entries.size();
    }

    /** Appends and flushes one score (thread-safe). */
    public synchronized void put(int archIndex, double value, double seconds) {
        entries.put(archIndex, new Entry(archIndex, value, seconds));
        try {
            writer.write(archIndex + "," + value + "," + seconds + "\n");
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to score cache " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
