package dev.zennas.notebook;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * What {@code show(...)} does for each kind of object.
 *
 * <ul>
 *   <li>Tablesaw {@link Table}: an HTML table (row-limited); outside a kernel, its text form.</li>
 *   <li>Tablesaw {@link Figure}: <em>one</em> output, a MIME bundle of {@code text/html} (plotly inlined; the
 *       interactive plot where the script runs, else the PNG it carries as an {@code <img>}) and
 *       {@code image/png} (rendered by headless Chromium) for front ends that prefer pictures. Every view shows the
 *       plot once. Without Chromium: the HTML and a text line saying why there is no PNG.
 *       {@code ZEN_PLOTS=html} or {@code png} keeps only one of the two.</li>
 *   <li>{@link CharSequence}: plain text; anything else: its {@code toString()} (records print nicely).</li>
 * </ul>
 */
public final class Show {

    private Show() {
    }

    /** Shows {@code o} as described in the class comment. */
    public static void show(Object o) {
        if (o instanceof Table t) {
            table(t, HtmlTables.DEFAULT_MAX_ROWS);
        } else if (o instanceof Figure f) {
            figure(f);
        } else if (o instanceof byte[] bytes && Chromium.isPng(bytes)) {
            Display.png(bytes);
        } else if (o instanceof Collection<?> c && !c.isEmpty() && c.size() <= 200) {
            Display.text(c.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        } else if (o instanceof Map<?, ?> m && !m.isEmpty() && m.size() <= 200) {
            Display.text(m.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(Collectors.joining("\n")));
        } else {
            Display.text(String.valueOf(o));
        }
    }

    /** Shows at most {@code maxRows} rows of {@code table}. */
    public static void table(Table table, int maxRows) {
        if (Display.target() == Display.Target.PLAIN && !capturing()) {
            Display.text(table.print(maxRows));
            if (showDirSet()) {
                Display.html(HtmlTables.html(table, maxRows));
            }
            return;
        }
        Display.html(HtmlTables.html(table, maxRows));
    }

    /** Shows a figure as HTML and PNG (see the class comment). */
    public static void figure(Figure figure) {
        String mode = plotsMode();
        if (Display.target() == Display.Target.PLAIN && !capturing() && !showDirSet()) {
            Display.text("[plot '" + title(figure) + "' not shown: no notebook kernel; set ZEN_SHOW_DIR to save"
                    + " it as HTML and PNG files]");
            return;
        }
        String plotly;
        try {
            plotly = PlotlyJs.source();
        } catch (IllegalStateException e) {
            Display.text("No plot: " + e.getMessage());
            return;
        }
        String id = FigureHtml.newId();
        String html = FigureHtml.fragment(figure, id, plotly);
        if (mode.equals("html")) {
            Display.html(html);
            return;
        }
        var reason = Chromium.unavailableReason();
        if (reason.isPresent()) {
            Display.html(html);
            Display.text("No PNG for this plot: " + reason.get() + ".");
            return;
        }
        int[] size = FigureHtml.size(figure);
        byte[] png;
        try {
            png = Chromium.screenshot(pngPage(html), size[0], size[1]);
        } catch (Chromium.RenderException e) {
            Display.html(html);
            Display.text("No PNG for this plot: " + e.getMessage());
            return;
        }
        if (mode.equals("png")) {
            Display.png(png);
            return;
        }
        Display.bundle(new Display.Output("text/html", FigureHtml.fragment(figure, id, plotly, png)),
                new Display.Output("image/png", png));
    }

    /** The figure's PNG bytes (for saving to a file); throws {@link Chromium.RenderException} without Chromium. */
    public static byte[] png(Figure figure) {
        int[] size = FigureHtml.size(figure);
        String html = FigureHtml.fragment(figure, FigureHtml.newId(), PlotlyJs.source());
        return Chromium.screenshot(pngPage(html), size[0], size[1]);
    }

    /** The page Chromium photographs: the fragment without plotly's hover toolbar (useless in a picture). */
    private static String pngPage(String fragment) {
        return HtmlPage.wrap("<style>.modebar-container,.modebar{display:none !important}</style>\n" + fragment);
    }

    private static String plotsMode() {
        String v = Display.setting("ZEN_PLOTS");
        if (v == null || v.isBlank()) {
            return "both";
        }
        v = v.trim().toLowerCase(Locale.ROOT);
        if (!v.matches("both|html|png")) {
            throw new IllegalArgumentException("ZEN_PLOTS must be both, html or png, was '" + v + "'");
        }
        return v;
    }

    private static String title(Figure f) {
        String t = f.getLayout() == null ? null : f.getLayout().getTitle();
        return t == null ? "untitled" : t;
    }

    private static boolean showDirSet() {
        String d = Display.setting("ZEN_SHOW_DIR");
        return d != null && !d.isBlank();
    }

    private static boolean capturing() {
        return Display.isCapturing();
    }
}
