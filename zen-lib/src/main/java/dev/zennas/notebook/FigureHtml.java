package dev.zennas.notebook;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;

/**
 * Turns a Tablesaw {@link Figure} into an HTML fragment that works offline, in Notebook 6 and in nbconvert's
 * HTML export.
 *
 * <p>Notebook 6 and the HTML export load require.js. A plain inlined UMD plotly bundle would then see a global
 * {@code define}, register itself as an AMD module and leave {@code window.Plotly} undefined, so the figure
 * script fails. The bundle is therefore inlined inside a function whose parameters are named {@code define},
 * {@code module} and {@code exports}, called without arguments: all three are undefined inside and the bundle
 * falls back to setting {@code window.Plotly}. The {@code if (!window.Plotly)} guard makes it run once per page.
 *
 * <p>Every fragment carries the attribute {@value #MARK} so that the headless notebook runner can count plots.
 *
 * <p>{@link #fragment(Figure, String, String, byte[])} with a PNG puts the picture into the fragment as an
 * {@code <img>} ({@value #PNG_CLASS}) and hides the plot's div: a view without JavaScript (an untrusted notebook,
 * a sanitising viewer) shows the picture; where the script runs, it shows the div, hides the picture and draws the
 * interactive plot in its place. Either way the plot appears once.
 */
public final class FigureHtml {

    /** Attribute that marks plot outputs. */
    public static final String MARK = "data-zen-plot";
    /** Class of the fallback picture inside a fragment. */
    public static final String PNG_CLASS = "zen-plot-png";
    /** Plot size used when the figure's layout does not set one (plotly's own default). */
    public static final int DEFAULT_WIDTH = 700;
    public static final int DEFAULT_HEIGHT = 450;

    private static final AtomicLong IDS = new AtomicLong();
    private static final Pattern WIDTH = Pattern.compile("\\bwidth:\\s*(\\d+)");
    private static final Pattern HEIGHT = Pattern.compile("\\bheight:\\s*(\\d+)");

    private FigureHtml() {
    }

    /** The require.js-safe, load-once script tag that inlines {@code plotlySource}. */
    public static String loaderScript(String plotlySource) {
        return "<script>if(!window.Plotly){(function(define,module,exports){\n" + plotlySource
                + "\n}).call(window);}</script>";
    }

    /** A fragment with plotly inlined (see the class comment) and a fresh div id. */
    public static String fragment(Figure figure) {
        return fragment(figure, newId(), PlotlyJs.source());
    }

    /**
     * A fragment for {@code figure} drawn into div {@code divId}; {@code plotlySource} null leaves plotly out
     * (for pages that load it themselves).
     */
    public static String fragment(Figure figure, String divId, String plotlySource) {
        return fragment(figure, divId, plotlySource, null);
    }

    /**
     * As {@link #fragment(Figure, String, String)}, with {@code png} (may be null) as the picture shown until the
     * script replaces it by the interactive plot (see the class comment).
     */
    public static String fragment(Figure figure, String divId, String plotlySource, byte[] png) {
        int[] size = size(figure);
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"zen-plot\" ").append(MARK).append("=\"").append(divId).append("\" style=\"width:")
                .append(size[0]).append("px\">\n");
        if (png != null) {
            b.append("<img class=\"").append(PNG_CLASS).append("\" width=\"").append(size[0]).append("\" alt=\"")
                    .append(escape(title(figure))).append("\" src=\"data:image/png;base64,")
                    .append(java.util.Base64.getEncoder().encodeToString(png)).append("\">\n");
        }
        if (plotlySource != null) {
            b.append(loaderScript(plotlySource)).append('\n');
        }
        b.append("<div id=\"").append(divId).append("\" style=\"").append(png != null ? "display:none;" : "")
                .append("width:").append(size[0]).append("px;height:").append(size[1]).append("px\"></div>\n");
        if (png != null) {
            // Only once plotly is there: show the div, hide the picture; the figure script then draws into the div.
            b.append("<script>(function(){var d=document.getElementById('").append(divId)
                    .append("');if(window.Plotly&&d){d.style.display='block';var i=d.parentNode.querySelector('img.")
                    .append(PNG_CLASS).append("');if(i){i.style.display='none';}}})();</script>\n");
        }
        b.append(figure.asJavascript(divId)).append("\n</div>");
        return b.toString();
    }

    private static String title(Figure f) {
        String t = f.getLayout() == null ? null : f.getLayout().getTitle();
        return t == null ? "plot" : t;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A new div id, unique within this JVM and unlikely to clash with ids of earlier kernel sessions. */
    public static String newId() {
        return "zenplot_" + Long.toHexString(System.nanoTime() & 0xffffffL) + "_" + IDS.incrementAndGet();
    }

    /** {width, height} in pixels from the figure's layout, else plotly's defaults. */
    public static int[] size(Figure figure) {
        String js = figure.getLayout() == null ? "" : figure.getLayout().asJavascript();
        return new int[] {find(WIDTH, js, DEFAULT_WIDTH), find(HEIGHT, js, DEFAULT_HEIGHT)};
    }

    private static int find(Pattern p, String js, int fallback) {
        Matcher m = p.matcher(js);
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }
}
