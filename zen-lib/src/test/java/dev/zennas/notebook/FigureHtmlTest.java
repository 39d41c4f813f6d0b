package dev.zennas.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.plot.Plots;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.ScatterTrace;

class FigureHtmlTest {

    private static Figure figure() {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3), DoubleColumn.create("y", 1, 4, 9));
        return Plots.scatter("squares", t, "x", "y");
    }

    @Test
    void fragmentWrapsPlotlySoRequireJsCannotCaptureItAndLoadsItOnce() {
        String html = FigureHtml.fragment(figure(), "plot_1", "/*PLOTLY*/");
        assertThat(html).contains("<script>if(!window.Plotly){(function(define,module,exports){\n/*PLOTLY*/\n"
                + "}).call(window);}</script>");
        assertThat(html).contains(FigureHtml.MARK + "=\"plot_1\"").contains("<div id=\"plot_1\"")
                .contains("document.getElementById('plot_1')").contains("Plotly.newPlot");
        // the loader comes before the figure script that needs window.Plotly
        assertThat(html.indexOf("/*PLOTLY*/")).isLessThan(html.indexOf("Plotly.newPlot"));
    }

    @Test
    void fragmentWithoutPlotlyLeavesTheLoaderOut() {
        assertThat(FigureHtml.fragment(figure(), "p2", null)).doesNotContain("window.Plotly)").contains("p2");
    }

    @Test
    void sizeComesFromTheLayoutElsePlotlyDefaults() {
        assertThat(FigureHtml.size(figure())).containsExactly(Plots.WIDTH, Plots.HEIGHT);
        Figure bare = new Figure(ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).build());
        assertThat(FigureHtml.size(bare)).containsExactly(FigureHtml.DEFAULT_WIDTH, FigureHtml.DEFAULT_HEIGHT);
    }

    @Test
    void newIdsAreDistinct() {
        assertThat(FigureHtml.newId()).isNotEqualTo(FigureHtml.newId()).startsWith("zenplot_");
    }
}
