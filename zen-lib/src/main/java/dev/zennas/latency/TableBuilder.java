package dev.zennas.latency;

import com.google.gson.JsonObject;
import dev.zennas.arch.Structure;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link LatencyTable} on this machine: every operation of a width grid at every side a network of the given
 * input resolutions passes through, then the overhead fitted on whole random networks of both search spaces.
 *
 * <pre>{@code
 * LatencyTable t = TableBuilder.builder().header(TableHeader.here(1, MemoryLayout.CHANNELS_LAST, 1)).build().run(out);
 * }</pre>
 *
 * @param header       where the table is valid
 * @param resolutions  input resolutions whose sides are measured (224 ImageNet, 32 CIFAR)
 * @param warmup       untimed calls per operation
 * @param runs         timed calls per operation (median kept)
 * @param calibration  random networks per search space for the overhead fit
 * @param seed         seed of the calibration networks
 */
public record TableBuilder(TableHeader header, List<Integer> resolutions, int warmup, int runs, int calibration, long seed) {

    /** Widths of the grid (powers of two cover the spaces' 8-multiples within a factor of √2). */
    public static final int[] WIDTHS = {8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
    /** Element-wise kinds also at 8192 channels (inverted blocks expand up to 6×). */
    public static final int[] WIDE = {8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192};
    /** Largest operation measured, in multiply-accumulates (or elements) per forward: beyond, work scales the time. */
    public static final double WORK_CAP = 2e8;
    /** Largest conv weight measured (elements). */
    public static final double WEIGHT_CAP = 2.5e7;
    /** Seed of the calibration networks (the error report draws with another seed). */
    public static final long CALIBRATION_SEED = 1234;

    public TableBuilder {
        if (resolutions.isEmpty()) throw new IllegalArgumentException("need at least one input resolution");
        if (runs < 3 || warmup < 0 || calibration < 2) {
            throw new IllegalArgumentException("need runs >= 3, warmup >= 0 and at least 2 calibration networks per space");
        }
        resolutions = List.copyOf(resolutions);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The sides a network of input resolution {@code r} passes through: r, r/2, … down to 4 (or r/32). */
    public static List<Integer> sides(int r) {
        List<Integer> s = new ArrayList<>();
        for (int side = r, i = 0; side >= 4 && i <= 5; side = (side + 1) / 2, i++) s.add(side);
        return s;
    }

    /** The operations of the grid. */
    public List<LayerOp> grid() {
        Set<LayerOp> ops = new LinkedHashSet<>();
        for (int r : resolutions) {
            for (int side : sides(r)) {
                boolean stemOnly = side == r && r >= 100; // no block runs at the full ImageNet resolution
                for (int k : new int[] {1, 3, 5, 7}) {
                    for (int s : new int[] {1, 2}) {
                        if (k == 3) {
                            for (int out : WIDTHS) addConv(ops, LayerOp.conv(3, out, k, s, side));
                        }
                        if (stemOnly) continue;
                        for (int in : WIDTHS) {
                            for (int out : WIDTHS) addConv(ops, LayerOp.conv(in, out, k, s, side));
                        }
                        if (k > 1) {
                            for (int c : WIDE) add(ops, LayerOp.dwconv(c, k, s, side));
                        }
                    }
                }
                if (stemOnly) continue;
                for (int c : WIDE) {
                    add(ops, LayerOp.elementwise(LayerOp.Kind.BN, c, side));
                    add(ops, LayerOp.elementwise(LayerOp.Kind.RELU, c, side));
                    add(ops, LayerOp.elementwise(LayerOp.Kind.ADD, c, side));
                    add(ops, LayerOp.elementwise(LayerOp.Kind.SE, c, side));
                    if (side <= 16) {
                        for (int classes : new int[] {10, 100, 1000}) add(ops, LayerOp.head(c, classes, side));
                    }
                }
            }
        }
        return new ArrayList<>(ops);
    }

    private void addConv(Set<LayerOp> ops, LayerOp op) {
        if ((double) op.in() * op.out() * op.kernel() * op.kernel() <= WEIGHT_CAP) add(ops, op);
    }

    private void add(Set<LayerOp> ops, LayerOp op) {
        if (op.work() * header.batch() <= WORK_CAP) ops.add(op);
    }

    /** Measures the grid and fits the overhead; {@code progress} (may be null) gets a line now and then. */
    public LatencyTable run(PrintWriter progress) {
        return LatencyMeter.onThreads(header.threads(), () -> {
            LatencyTable t = new LatencyTable(header);
            List<LayerOp> ops = grid();
            long start = System.nanoTime();
            for (int i = 0; i < ops.size(); i++) {
                t.put(ops.get(i), OpTimer.medianMs(ops.get(i), header.batch(), header.layout(), header.clock(), warmup, runs));
                if (progress != null && (i + 1) % 500 == 0) {
                    progress.printf("latency table: %d/%d operations, %.0f s%n", i + 1, ops.size(),
                            (System.nanoTime() - start) / 1e9);
                    progress.flush();
                }
            }
            calibrate(t, progress);
            return t;
        });
    }

    /** Fits intercept and slope of measured ≈ intercept + slope × Σ ops on random networks of both spaces. */
    void calibrate(LatencyTable t, PrintWriter progress) {
        List<Structure> nets = new ArrayList<>(RandomStructures.sample("XXBL", calibration, seed));
        nets.addAll(RandomStructures.sample("IDW", calibration, seed + 1));
        MeasurementProtocol p = MeasurementProtocol.builder().threads(header.threads()).batch(header.batch())
                .resolution(224).layout(header.layout()).warmup(2).runs(8).device(header.device())
                .versions(header.versions()).clock(header.clock()).build();
        double[] x = new double[nets.size()];
        double[] y = new double[nets.size()];
        for (int i = 0; i < nets.size(); i++) {
            x[i] = t.sumMs(LayerOp.of(nets.get(i), 224, 1000, false));
            y[i] = LatencyMeter.measure(nets.get(i), "calibration", p).medianMs();
            if (progress != null) {
                progress.printf("calibration %d/%d: sum of operations %.2f ms, measured %.2f ms%n", i + 1, nets.size(), x[i], y[i]);
                progress.flush();
            }
        }
        double[] fit = fit(x, y);
        double mape = 0;
        for (int i = 0; i < x.length; i++) mape += Math.abs(fit[0] + fit[1] * x[i] - y[i]) / y[i];
        JsonObject c = new JsonObject();
        c.addProperty("networks", nets.size());
        c.addProperty("seed", seed);
        c.addProperty("resolution", 224);
        c.addProperty("mape_pct", 100 * mape / x.length);
        c.addProperty("grid_operations", t.size());
        c.addProperty("warmup", warmup);
        c.addProperty("runs", runs);
        t.setOverhead(fit[0], fit[1], c);
    }

    /** Least squares {intercept, slope}; a proportional fit when the line would have a non-positive slope. */
    static double[] fit(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        if (slope > 0) return new double[] {my - slope * mx, slope};
        return new double[] {0, my / mx};
    }

    /** Builder with the defaults of {@code zen latency table build}. */
    public static final class Builder {
        private TableHeader header;
        private List<Integer> resolutions = List.of(224, 32);
        private int warmup = 2;
        private int runs = 7;
        private int calibration = 6;
        private long seed = CALIBRATION_SEED;

        public Builder header(TableHeader v) { header = v; return this; }
        public Builder resolutions(List<Integer> v) { resolutions = v; return this; }
        public Builder warmup(int v) { warmup = v; return this; }
        public Builder runs(int v) { runs = v; return this; }
        public Builder calibration(int v) { calibration = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public TableBuilder build() {
            if (header == null) header = TableHeader.here(Device.engineThreads(), MemoryLayout.CHANNELS_LAST, 1, Clock.WALL);
            return new TableBuilder(header, resolutions, warmup, runs, calibration, seed);
        }
    }
}
