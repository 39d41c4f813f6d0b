package dev.zennas.latency;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.arch.Structure;
import dev.zennas.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-operation latencies measured on one device, and the overhead fitted on whole networks: a network's latency is
 * {@code intercept + slope × Σ op times + msPerOp × number of ops} (the builder fits intercept and slope and leaves
 * msPerOp at 0, see {@link TableBuilder#fit}). The fitted terms absorb what isolated operations miss: the forward's
 * own work between operations (walking the block tree, residual bookkeeping), and caches that a loop over one
 * operation keeps warm but a network does not.
 *
 * <p>Inside a group (kind, kernel, stride, side) times are interpolated bilinearly in log time over log widths;
 * entries left out of the grid because they were too costly to measure, and widths beyond the grid, are
 * extrapolated in proportion to the work ({@link LayerOp#work()}). Between measured sides the time is interpolated
 * in log time over log side; beyond them it scales with the work.
 */
public final class LatencyTable {
    /** File format version; a table written by another format is rebuilt. */
    public static final int FORMAT = 3;

    private final TableHeader header;
    /** group → (in, out) → ms */
    private final Map<String, Map<Long, Double>> groups;
    /** family → sides measured */
    private final Map<String, int[]> sides = new TreeMap<>();
    /** group → {distinct ins, distinct outs}, sorted (rebuilt lazily after a put) */
    private final Map<String, int[][]> axes = new java.util.concurrent.ConcurrentHashMap<>();
    private double intercept;
    private double slope = 1;
    private double msPerOp;
    private JsonObject calibration = new JsonObject();

    public LatencyTable(TableHeader header) {
        this(header, new TreeMap<>());
    }

    private LatencyTable(TableHeader header, Map<String, Map<Long, Double>> groups) {
        this.header = header;
        this.groups = groups;
        reindex();
    }

    public TableHeader header() { return header; }
    public double intercept() { return intercept; }
    public double slope() { return slope; }
    /** Fitted cost per operation beyond its table time. */
    public double msPerOp() { return msPerOp; }
    public JsonObject calibration() { return calibration; }
    public int size() { return groups.values().stream().mapToInt(Map::size).sum(); }

    /** Records a measured operation time. */
    public void put(LayerOp op, double ms) {
        if (!(ms > 0)) throw new IllegalArgumentException("operation time must be positive, got " + ms + " for " + op);
        groups.computeIfAbsent(op.group(), g -> new TreeMap<>()).put(pack(op.in(), op.out()), ms);
        reindex();
    }

    /** Sets the fitted overhead and the calibration summary that produced it. */
    public void setOverhead(double intercept, double slope, double msPerOp, JsonObject calibration) {
        this.intercept = intercept;
        this.slope = slope;
        this.msPerOp = msPerOp;
        this.calibration = calibration;
    }

    /** Predicted ms of a deployed network. */
    public double predictMs(Structure s, int resolution, int numClasses, boolean se) {
        List<LayerOp> ops = LayerOp.of(s, resolution, numClasses, se);
        return intercept + slope * sumMs(ops) + msPerOp * ops.size();
    }

    /** MiB of weights the operations read. */
    public static double weightMiB(List<LayerOp> ops) {
        double b = 0;
        for (LayerOp op : ops) b += op.weightBytes();
        return b / (1 << 20);
    }

    /** Σ of the operations' table times (no overhead). */
    public double sumMs(List<LayerOp> ops) {
        double sum = 0;
        for (LayerOp op : ops) sum += opMs(op);
        return sum;
    }

    /** The table time of one operation. */
    public double opMs(LayerOp op) {
        int[] measured = sides.get(op.family());
        if (measured == null) {
            throw new LatencyException("the latency table has no " + op.family() + " entries (needed for " + op
                    + "); rebuild it with `" + header.buildCommand() + "`");
        }
        int pos = Arrays.binarySearch(measured, op.side());
        if (pos >= 0) return atSide(op);
        int hiIndex = -pos - 1;
        if (hiIndex == 0 || hiIndex == measured.length) {
            LayerOp near = withSide(op, measured[hiIndex == 0 ? 0 : measured.length - 1]);
            return atSide(near) * op.work() / near.work();
        }
        LayerOp lo = withSide(op, measured[hiIndex - 1]);
        LayerOp hi = withSide(op, measured[hiIndex]);
        double t = (Math.log(op.side()) - Math.log(lo.side())) / (Math.log(hi.side()) - Math.log(lo.side()));
        return Math.exp((1 - t) * Math.log(atSide(lo)) + t * Math.log(atSide(hi)));
    }

    private static LayerOp withSide(LayerOp op, int side) {
        return new LayerOp(op.kind(), op.in(), op.out(), op.kernel(), op.stride(), side);
    }

    /** Interpolation inside the group of {@code op} (its side is measured). */
    private double atSide(LayerOp op) {
        String key = op.group();
        Map<Long, Double> g = groups.get(key);
        int[][] ax = axes.computeIfAbsent(key, k -> new int[][] {axis(g, true), axis(g, false)});
        int[] ins = ax[0];
        int[] outs = op.kind().oneWidth() ? ins : ax[1];
        int inC = clamp(op.in(), ins);
        int outC = op.kind().oneWidth() ? inC : clamp(op.out(), outs);
        int[] iBr = bracket(inC, ins);
        int[] oBr = op.kind().oneWidth() ? iBr : bracket(outC, outs);
        double ti = frac(inC, ins[iBr[0]], ins[iBr[1]]);
        double to = op.kind().oneWidth() ? 0 : frac(outC, outs[oBr[0]], outs[oBr[1]]);
        double logT = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double w = (a == 0 ? 1 - ti : ti) * (b == 0 ? 1 - to : to);
                if (w == 0) continue;
                int in = ins[iBr[a]];
                int out = op.kind().oneWidth() ? in : outs[oBr[b]];
                logT += w * Math.log(corner(g, op, in, out));
            }
        }
        LayerOp clamped = new LayerOp(op.kind(), inC, outC, op.kernel(), op.stride(), op.side());
        return Math.exp(logT) * op.work() / clamped.work();
    }

    /** A grid corner: measured, else the nearest measured entry scaled by the work. */
    private static double corner(Map<Long, Double> g, LayerOp op, int in, int out) {
        Double v = g.get(pack(in, out));
        LayerOp at = new LayerOp(op.kind(), in, out, op.kernel(), op.stride(), op.side());
        if (v != null) return v;
        double best = Double.MAX_VALUE;
        long bestKey = 0;
        for (long k : g.keySet()) {
            double d = Math.abs(Math.log((double) unpackIn(k) / in)) + Math.abs(Math.log((double) unpackOut(k) / out));
            if (d < best) {
                best = d;
                bestKey = k;
            }
        }
        LayerOp near = new LayerOp(op.kind(), unpackIn(bestKey), unpackOut(bestKey), op.kernel(), op.stride(), op.side());
        return g.get(bestKey) * at.work() / near.work();
    }

    private static int[] axis(Map<Long, Double> g, boolean in) {
        return g.keySet().stream().mapToInt(k -> in ? unpackIn(k) : unpackOut(k)).distinct().sorted().toArray();
    }

    private static int clamp(int v, int[] axis) {
        return Math.max(axis[0], Math.min(axis[axis.length - 1], v));
    }

    private static int[] bracket(int v, int[] axis) {
        int pos = Arrays.binarySearch(axis, v);
        if (pos >= 0) return new int[] {pos, pos};
        int hi = -pos - 1;
        return new int[] {hi - 1, hi};
    }

    private static double frac(int v, int lo, int hi) {
        return lo == hi ? 0 : (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    }

    private static long pack(int in, int out) {
        return ((long) in << 32) | (out & 0xffffffffL);
    }

    private static int unpackIn(long k) {
        return (int) (k >>> 32);
    }

    private static int unpackOut(long k) {
        return (int) k;
    }

    private void reindex() {
        axes.clear();
        Map<String, List<Integer>> bySide = new TreeMap<>();
        for (String group : groups.keySet()) {
            int cut = group.lastIndexOf("|r");
            bySide.computeIfAbsent(group.substring(0, cut), f -> new ArrayList<>())
                    .add(Integer.parseInt(group.substring(cut + 2)));
        }
        sides.clear();
        bySide.forEach((f, list) -> sides.put(f, list.stream().mapToInt(Integer::intValue).sorted().toArray()));
    }

    // ------------------------------------------------------------------------------------------------ file format

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        JsonObject h = new JsonObject();
        h.addProperty("device", header.device());
        h.addProperty("threads", header.threads());
        h.addProperty("layout", header.layout().id());
        h.addProperty("batch", header.batch());
        h.addProperty("versions", header.versions());
        h.addProperty("clock", header.clock().id());
        o.add("header", h);
        JsonObject ov = new JsonObject();
        ov.addProperty("intercept_ms", intercept);
        ov.addProperty("slope", slope);
        ov.addProperty("ms_per_operation", msPerOp);
        o.add("overhead", ov);
        o.add("calibration", calibration);
        JsonObject entries = new JsonObject();
        groups.forEach((group, points) -> {
            JsonArray arr = new JsonArray();
            points.forEach((k, ms) -> {
                JsonArray p = new JsonArray();
                p.add(unpackIn(k));
                p.add(unpackOut(k));
                p.add(Math.round(ms * 1e5) / 1e5);
                arr.add(p);
            });
            entries.add(group, arr);
        });
        o.add("entries", entries);
        return o;
    }

    /** Writes the table atomically (a reader never sees half a file). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, Json.print(toJson()), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a table without checking where it was measured. */
    public static LatencyTable read(Path file) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new LatencyException(file + " is not a latency table (" + e.getMessage() + ")", e);
        }
        if (!o.has("format") || o.get("format").getAsInt() != FORMAT) {
            throw new LatencyException(file + " has another table format; rebuild it with `zen latency table build`");
        }
        JsonObject h = o.getAsJsonObject("header");
        TableHeader header = new TableHeader(h.get("device").getAsString(), h.get("threads").getAsInt(),
                MemoryLayout.parse(h.get("layout").getAsString()), h.get("batch").getAsInt(),
                h.get("versions").getAsString(), Clock.parse(h.get("clock").getAsString()));
        Map<String, Map<Long, Double>> groups = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("entries").entrySet()) {
            Map<Long, Double> points = new TreeMap<>();
            for (JsonElement p : e.getValue().getAsJsonArray()) {
                JsonArray a = p.getAsJsonArray();
                points.put(pack(a.get(0).getAsInt(), a.get(1).getAsInt()), a.get(2).getAsDouble());
            }
            groups.put(e.getKey(), points);
        }
        LatencyTable t = new LatencyTable(header, groups);
        JsonObject ov = o.getAsJsonObject("overhead");
        t.setOverhead(ov.get("intercept_ms").getAsDouble(), ov.get("slope").getAsDouble(),
                ov.get("ms_per_operation").getAsDouble(),
                o.has("calibration") ? o.getAsJsonObject("calibration") : new JsonObject());
        return t;
    }

    /**
     * Reads the table for {@code expected} from {@code file} and refuses it when it was measured elsewhere (another
     * device, thread count, layout, batch or version), saying how to rebuild it.
     */
    public static LatencyTable load(Path file, TableHeader expected) {
        LatencyTable t;
        try {
            t = read(file);
        } catch (NoSuchFileException e) {
            throw new LatencyException("no latency table for " + expected.describe() + " at " + file
                    + "; build it with `" + expected.buildCommand() + "` (a few minutes)");
        } catch (IOException e) {
            throw new LatencyException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!t.header().equals(expected)) {
            throw new LatencyException("the latency table " + file + " was measured for " + t.header().describe()
                    + ", not for " + expected.describe() + "; rebuild it here with `" + expected.buildCommand() + "`");
        }
        return t;
    }
}
