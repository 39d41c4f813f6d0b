package dev.zennas.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.CategoricalColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;
import tech.tablesaw.table.TableSlice;

/**
 * One-line plots of Tablesaw tables, as Tablesaw {@link Figure}s with a title and axis titles (show them with
 * {@code Workbench.show(figure)}). Axis titles default to the column names, so name columns with their unit,
 * e.g. {@code "FLOPs (M)"}; {@link Axes} overrides titles and switches on log scales.
 *
 * <p>Made for plotly.js 2.x: Tablesaw 0.44.4 writes titles as plain strings, which plotly 3+ ignores.
 */
public final class Plots {

    /** Default size of every plot, in pixels (also the size of its PNG). */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 440;

    /**
     * Axis titles and scales.
     *
     * @param xTitle x axis title (null: the x column's name)
     * @param yTitle y axis title (null: the y column's name, or nothing for several curves)
     * @param xLog   logarithmic x axis
     * @param yLog   logarithmic y axis
     */
    public record Axes(String xTitle, String yTitle, boolean xLog, boolean yLog) {
        /** Column names as titles, linear scales. */
        public static final Axes DEFAULT = new Axes(null, null, false, false);

        /** Given titles, linear scales. */
        public static Axes titles(String xTitle, String yTitle) {
            return new Axes(xTitle, yTitle, false, false);
        }

        /** The same titles with both axes logarithmic. */
        public Axes logLog() {
            return new Axes(xTitle, yTitle, true, true);
        }

        /** The same titles with a logarithmic x axis. */
        public Axes logX() {
            return new Axes(xTitle, yTitle, true, yLog);
        }

        /** The same titles with a logarithmic y axis. */
        public Axes logY() {
            return new Axes(xTitle, yTitle, xLog, true);
        }
    }

    private Plots() {
    }

    /** Points of {@code y} against {@code x}. */
    public static Figure scatter(String title, Table table, String x, String y) {
        return scatter(title, table, x, y, null, Axes.DEFAULT);
    }

    /** Points of {@code y} against {@code x}, one colour per value of {@code group} (null: one colour). */
    public static Figure scatter(String title, Table table, String x, String y, String group) {
        return scatter(title, table, x, y, group, Axes.DEFAULT);
    }

    /** Points with explicit axis titles and scales. */
    public static Figure scatter(String title, Table table, String x, String y, String group, Axes axes) {
        return xy(ScatterTrace.Mode.MARKERS, title, table, x, y, group, axes);
    }

    /** Lines of {@code y} against {@code x}, one curve per value of {@code group} (null: one curve). */
    public static Figure line(String title, Table table, String x, String y, String group) {
        return line(title, table, x, y, group, Axes.DEFAULT);
    }

    /** Lines with explicit axis titles and scales. */
    public static Figure line(String title, Table table, String x, String y, String group, Axes axes) {
        return xy(ScatterTrace.Mode.LINE_AND_MARKERS, title, table, x, y, group, axes);
    }

    /** Several curves against one x column: one curve per column in {@code ys} (named by the column). */
    public static Figure lines(String title, Table table, String x, String... ys) {
        Objects.requireNonNull(table, "table");
        if (ys.length == 0) {
            throw new IllegalArgumentException("lines needs at least one y column");
        }
        Column<?> xc = column(table, x);
        List<Trace> traces = new ArrayList<>();
        for (String y : ys) {
            traces.add(ScatterTrace.builder(xc, numeric(table, y)).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                    .name(y).showLegend(true).build());
        }
        String yTitle = ys.length == 1 ? ys[0] : "";
        return new Figure(layout(title, new Axes(x, yTitle, false, false), x, yTitle, true),
                traces.toArray(new Trace[0]));
    }

    /** Vertical bars: one bar per row, labelled by {@code category}, with height {@code value}. */
    public static Figure bar(String title, Table table, String category, String value) {
        return bar(title, table, category, value, Axes.DEFAULT);
    }

    /** Vertical bars with explicit axis titles (log scales apply to the value axis only). */
    public static Figure bar(String title, Table table, String category, String value, Axes axes) {
        Objects.requireNonNull(table, "table");
        Column<?> cat = column(table, category);
        if (!(cat instanceof CategoricalColumn<?> cc)) {
            throw new IllegalArgumentException("bar category column '" + category + "' must be categorical"
                    + " (string, integer, ...), was " + cat.type());
        }
        BarTrace trace = BarTrace.builder(cc, numeric(table, value)).build();
        int longest = 0;
        for (int r = 0; r < cc.size(); r++) {
            longest = Math.max(longest, cc.getString(r).length());
        }
        // Long category labels are drawn slanted below the axis: make room for them instead of cutting them off.
        int bottom = Math.min(220, 60 + 6 * Math.max(0, longest - 4));
        return new Figure(layout(title, new Axes(axes.xTitle(), axes.yTitle(), false, axes.yLog()), category, value,
                false, bottom), trace);
    }

    private static Figure xy(ScatterTrace.Mode mode, String title, Table table, String x, String y, String group,
                             Axes axes) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(axes, "axes");
        column(table, x);
        numeric(table, y);
        List<Trace> traces = new ArrayList<>();
        if (group == null) {
            traces.add(trace(mode, table, x, y, y, false));
        } else {
            column(table, group);
            for (TableSlice slice : table.splitOn(group)) {
                Table part = slice.asTable();
                traces.add(trace(mode, part, x, y, part.column(group).getString(0), true));
            }
        }
        return new Figure(layout(title, axes, x, y, group != null), traces.toArray(new Trace[0]));
    }

    private static Trace trace(ScatterTrace.Mode mode, Table t, String x, String y, String name, boolean legend) {
        return ScatterTrace.builder(t.column(x), t.numberColumn(y)).mode(mode).name(name).showLegend(legend)
                .marker(Marker.builder().size(9).build()).build();
    }

    private static Layout layout(String title, Axes axes, String x, String y, boolean legend) {
        return layout(title, axes, x, y, legend, 60);
    }

    private static Layout layout(String title, Axes axes, String x, String y, boolean legend, int bottom) {
        Axis.AxisBuilder xa = Axis.builder().title(axes.xTitle() != null ? axes.xTitle() : x);
        Axis.AxisBuilder ya = Axis.builder().title(axes.yTitle() != null ? axes.yTitle() : y);
        if (axes.xLog()) {
            xa.type(Axis.Type.LOG);
        }
        if (axes.yLog()) {
            ya.type(Axis.Type.LOG);
        }
        return Layout.builder().title(title == null ? "" : title).width(WIDTH).height(HEIGHT + bottom - 60)
                .margin(Margin.builder().left(70).right(30).top(60).bottom(bottom).build())
                .showLegend(legend).xAxis(xa.build()).yAxis(ya.build()).build();
    }

    private static Column<?> column(Table table, String name) {
        Objects.requireNonNull(name, "column name");
        if (!table.containsColumn(name)) {
            throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + name
                    + "' (columns: " + table.columnNames() + ")");
        }
        return table.column(name);
    }

    private static NumericColumn<?> numeric(Table table, String name) {
        Column<?> c = column(table, name);
        if (!(c instanceof NumericColumn<?> n)) {
            throw new IllegalArgumentException("column '" + name + "' must be numeric, was " + c.type());
        }
        return n;
    }
}
