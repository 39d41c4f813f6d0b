package dev.zennas.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.notebook.FigureHtml;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

class PlotsTest {

    private static Table nets() {
        return Table.create("nets",
                StringColumn.create("name", "a", "b", "c", "d"),
                StringColumn.create("dataset", "cifar10", "cifar10", "imagenet", "imagenet"),
                DoubleColumn.create("FLOPs (M)", 140, 162, 410, 611),
                DoubleColumn.create("params (M)", 0.5, 1.0, 5.7, 7.1),
                DoubleColumn.create("loss", 2.0, 1.5, 1.2, 1.1));
    }

    @Test
    void scatterWithGroupHasOneTracePerGroupAndTitles() {
        Figure f = Plots.scatter("params vs FLOPs", nets(), "FLOPs (M)", "params (M)", "dataset");
        assertThat(f.getTraces()).hasSize(2);
        String js = f.asJavascript("d1");
        assertThat(js).contains("title: 'params vs FLOPs'").contains("FLOPs (M)").contains("params (M)")
                .contains("cifar10").contains("imagenet").contains("Plotly.newPlot");
        assertThat(FigureHtml.size(f)).containsExactly(Plots.WIDTH, Plots.HEIGHT);
    }

    @Test
    void scatterWithoutGroupIsOneTrace() {
        assertThat(Plots.scatter("t", nets(), "FLOPs (M)", "params (M)").getTraces()).hasSize(1);
    }

    @Test
    void axesOverrideTitlesAndSwitchOnLogScales() {
        Figure f = Plots.scatter("t", nets(), "FLOPs (M)", "params (M)", null,
                Plots.Axes.titles("FLOPs [M]", "params [M]").logLog());
        String js = f.asJavascript("d2");
        assertThat(js).contains("FLOPs [M]").contains("params [M]").containsPattern("type: *'log'");
    }

    @Test
    void linesHaveOneCurvePerColumnAndBarsOneTrace() {
        assertThat(Plots.lines("curves", nets(), "FLOPs (M)", "params (M)", "loss").getTraces()).hasSize(2);
        assertThat(Plots.line("curve", nets(), "FLOPs (M)", "loss", "dataset").getTraces()).hasSize(2);
        Figure bar = Plots.bar("top", nets(), "name", "params (M)");
        assertThat(bar.getTraces()).hasSize(1);
        assertThat(bar.asJavascript("d3")).contains("type: 'bar'");
    }

    @Test
    void unknownOrWrongColumnsGiveClearErrors() {
        assertThatThrownBy(() -> Plots.scatter("t", nets(), "flops", "params (M)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'flops'")
                .hasMessageContaining("FLOPs (M)");
        assertThatThrownBy(() -> Plots.scatter("t", nets(), "FLOPs (M)", "name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be numeric");
        assertThatThrownBy(() -> Plots.lines("t", nets(), "FLOPs (M)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one y column");
    }
}
