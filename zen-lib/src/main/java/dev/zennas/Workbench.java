package dev.zennas;

import dev.zennas.arch.ArchTables;
import dev.zennas.arch.Counts;
import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import dev.zennas.notebook.Chromium;
import dev.zennas.notebook.Display;
import dev.zennas.notebook.HtmlTables;
import dev.zennas.notebook.Knobs;
import dev.zennas.notebook.LayerTables;
import dev.zennas.notebook.PlotlyJs;
import dev.zennas.notebook.Progress;
import dev.zennas.notebook.Show;
import dev.zennas.plot.Plots;
import java.util.Collection;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The notebook façade: {@code import static dev.zennas.Workbench.*;} gives a notebook everything it needs to
 * show results, plot, report progress and read speed knobs, on any Java kernel (rapaio, JJava, IJava) and in a
 * plain JVM.
 *
 * <pre>{@code
 * import static dev.zennas.Workbench.*;
 * notebook();                                    // one line: versions, kernel, quick mode, PNG support
 * show(releasedTable());                         // HTML table
 * show(scatter("params vs FLOPs", releasedTable(), "FLOPs_M", "params_M", "dataset"));  // HTML + PNG
 * int epochs = knob("MAX_EPOCH", 50, 2);         // 2 when ZEN_QUICK=1, unless MAX_EPOCH is set
 * for (var net : progress("counting", nets)) { ... }
 * }</pre>
 */
public final class Workbench {

    /** The workbench version shown by {@link #notebook()}. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Workbench() {
    }

    // ---------------------------------------------------------------------------------------------------- show

    /**
     * Shows {@code o}: a Tablesaw {@code Table} as an HTML table (first {@value HtmlTables#DEFAULT_MAX_ROWS}
     * rows), a Tablesaw {@code Figure} as interactive HTML plus a PNG, PNG bytes as an image, a collection one
     * element per line, anything else as its {@code toString()}.
     */
    public static void show(Object o) {
        Show.show(o);
    }

    /** Shows at most {@code maxRows} rows of {@code table}. */
    public static void show(Table table, int maxRows) {
        Show.table(table, maxRows);
    }

    /** Shows an HTML fragment as it is. */
    public static void showHtml(String html) {
        Display.html(html);
    }

    /** Shows Markdown text. */
    public static void showMarkdown(String markdown) {
        Display.markdown(markdown);
    }

    /** The PNG of a figure as bytes, e.g. to save it ({@code Files.write(path, png(fig))}); needs Chromium. */
    public static byte[] png(Figure figure) {
        return Show.png(figure);
    }

    /**
     * The notebook prelude: a one-line summary of the set-up (workbench version, kernel, quick mode, whether plots
     * get PNGs). Returns it, so it shows as the cell's result.
     */
    public static String notebook() {
        String png = Chromium.unavailableReason().map(r -> "no PNG (" + r + ")").orElse("HTML + PNG");
        String plotly = PlotlyJs.locate().isPresent() ? "" : ", plotly.js missing (run kernel-setup/install)";
        return "Zen-NAS Workbench " + VERSION + " | kernel: " + Display.target().name().toLowerCase()
                + " | Java " + Runtime.version().feature() + " | quick mode: " + (quick() ? "on" : "off")
                + " | plots: " + png + plotly;
    }

    // --------------------------------------------------------------------------------------------------- knobs

    /** True when the environment asks for a quick run ({@code ZEN_QUICK=1}, as in CI). */
    public static boolean quick() {
        return Knobs.quick();
    }

    /** Integer knob {@code name} from the environment (or system property), else {@code defaultValue}. */
    public static int knob(String name, int defaultValue) {
        return Knobs.knob(name, defaultValue);
    }

    /** Integer knob {@code name} if set, else {@code quickValue} in quick mode and {@code fullValue} otherwise. */
    public static int knob(String name, int fullValue, int quickValue) {
        return Knobs.knob(name, fullValue, quickValue);
    }

    // ------------------------------------------------------------------------------------------------ progress

    /** Starts a progress report of {@code total} steps; call {@code step()} per step, close at the end. */
    public static Progress progress(String label, long total) {
        return Progress.start(label, total);
    }

    /** Iterates {@code items} with a progress report: {@code for (var x : progress("label", items)) ...}. */
    public static <T> Iterable<T> progress(String label, Collection<T> items) {
        return Progress.over(label, items);
    }

    // --------------------------------------------------------------------------------------------------- plots

    /** See {@link Plots#scatter(String, Table, String, String, String)}; {@code group} may be null. */
    public static Figure scatter(String title, Table table, String x, String y, String group) {
        return Plots.scatter(title, table, x, y, group);
    }

    /** See {@link Plots#scatter(String, Table, String, String, String, Plots.Axes)}. */
    public static Figure scatter(String title, Table table, String x, String y, String group, Plots.Axes axes) {
        return Plots.scatter(title, table, x, y, group, axes);
    }

    /** See {@link Plots#line(String, Table, String, String, String)}; one curve per group value. */
    public static Figure line(String title, Table table, String x, String y, String group) {
        return Plots.line(title, table, x, y, group);
    }

    /** See {@link Plots#lines(String, Table, String, String...)}; one curve per y column. */
    public static Figure lines(String title, Table table, String x, String... ys) {
        return Plots.lines(title, table, x, ys);
    }

    /** See {@link Plots#bar(String, Table, String, String)}. */
    public static Figure bar(String title, Table table, String category, String value) {
        return Plots.bar(title, table, category, value);
    }

    /** Axis titles for the plot one-liners; chain {@code .logLog()}, {@code .logX()} or {@code .logY()}. */
    public static Plots.Axes axes(String xTitle, String yTitle) {
        return Plots.Axes.titles(xTitle, yTitle);
    }

    // ------------------------------------------------------------------------------------------- architectures

    /** The released ZenNets. */
    public static List<ReleasedNet> released() {
        return ReleasedNets.all();
    }

    /** The released ZenNet of that name (error listing the names when unknown). */
    public static ReleasedNet released(String name) {
        return ReleasedNets.get(name);
    }

    /**
     * The released ZenNets as a table: name, dataset, resolution, SE, published params (M), FLOPs (M), top-1 (%),
     * and this library's code-rule counts beside them.
     */
    public static Table releasedTable() {
        return LayerTables.released();
    }

    /** A short label for a released net ("C10 1M", "IN 400M SE", "IN 1.2 ms") for plot axes and narrow tables. */
    public static String shortName(ReleasedNet net) {
        return LayerTables.shortName(net.name());
    }

    /** Parses a structure string (positioned error message on a typo). */
    public static Structure structure(String text) {
        return Structure.parse(text);
    }

    /** Analytic counts of {@code s} at {@code resolution} with {@code numClasses} classes, without SE. */
    public static Counts counts(Structure s, int resolution, int numClasses) {
        return Counts.of(s, resolution, numClasses, false);
    }

    /** One row per super block of {@code s}: type, channels, stride, resolution, params and FLOPs. */
    public static Table blockTable(Structure s, int resolution, int numClasses) {
        return ArchTables.blocks(Counts.of(s, resolution, numClasses, false));
    }

    /** One row per super block of a released net, at its own resolution and classes. */
    public static Table blockTable(ReleasedNet net) {
        return ArchTables.blocks(net.counts());
    }

    /**
     * One row per layer of {@code s} as it is expanded ({@code residual} keeps the shortcut units, {@code se} adds
     * squeeze-excite): layer kind, channels, kernel, stride, groups, and the layer's parameter count.
     */
    public static Table layerTable(Structure s, boolean residual, boolean se) {
        return LayerTables.layers(s, residual, se);
    }

    // ------------------------------------------------------------------------------------------------ training

    /**
     * Trains {@code arch} (released name, structure string, {@code @file} or search run directory) with
     * {@code recipe} on {@code data} into {@code dir}, continuing a run already there; see {@link Training}.
     */
    public static dev.zennas.train.TrainResult train(String arch, dev.zennas.train.TrainRecipe recipe,
                                                     dev.zennas.train.DataSelection data, long seed,
                                                     java.nio.file.Path dir) {
        return dev.zennas.train.Training.train(arch, recipe, data, seed, dir);
    }

    /** The per-epoch table of a training result (loss, lr, test top-1, speed). */
    public static Table trainTable(dev.zennas.train.TrainResult r) {
        return dev.zennas.train.TrainReport.table(r.history(), r.label());
    }
}
