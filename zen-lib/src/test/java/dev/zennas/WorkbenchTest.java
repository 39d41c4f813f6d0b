package dev.zennas;

import static dev.zennas.Workbench.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.arch.Counts;
import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.Structure;
import dev.zennas.notebook.Chromium;
import dev.zennas.notebook.Display;
import dev.zennas.notebook.FigureHtml;
import dev.zennas.notebook.PlotlyJs;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** The façade as a notebook uses it, with outputs captured instead of sent to a kernel. */
class WorkbenchTest {

    static final String CIFAR_PROXY = "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,1,8,1)SuperResK3K3(16,32,2,16,1)"
            + "SuperResK3K3(32,64,2,32,1)SuperResK3K3(64,64,2,32,1)SuperConvK1BNRELU(64,128,1,1)";

    record Score(String name, double value) {}

    @Test
    void showDispatchesOnTheKindOfObject() {
        try (Display.Capture c = Display.capture()) {
            show(releasedTable());
            show("some text");
            show(new Score("zen", 1.5));
            show(List.of(1, 2));
            assertThat(c.mimes()).containsExactly("text/html", "text/plain", "text/plain", "text/plain");
            assertThat(c.outputs().get(0).text()).contains("<table").contains("zennet_cifar10_model_size1M_res32");
            assertThat(c.outputs().get(2).text()).isEqualTo("Score[name=zen, value=1.5]");
            assertThat(c.outputs().get(3).text()).isEqualTo("1\n2");
        }
    }

    @Test
    void showOfAFigureGivesOneOutputWithInteractiveHtmlAndAPngOrSaysWhyNot() {
        org.junit.jupiter.api.Assumptions.assumeTrue(PlotlyJs.locate().isPresent(), "plotly.js not installed");
        Table t = releasedTable();
        Figure f = scatter("params vs FLOPs", t, "FLOPs (M)", "params (M)", "dataset",
                axes("FLOPs (M)", "params (M)").logLog());
        try (Display.Capture c = Display.capture()) {
            show(f);
            assertThat(c.outputs().get(0).mime()).isEqualTo("text/html");
            assertThat(c.outputs().get(0).text()).contains(FigureHtml.MARK).contains("if(!window.Plotly)");
            if (Chromium.locate().isPresent()) {
                // one output (one MIME bundle): the HTML carries the PNG as its no-script fallback
                assertThat(c.outputs()).hasSize(1);
                Display.Output plot = c.outputs().get(0);
                assertThat(plot.mimes()).containsExactly("text/html", "image/png");
                assertThat(Chromium.isPng((byte[]) plot.parts().get(1).data())).isTrue();
                String html = plot.text();
                assertThat(html.split("<img ", -1)).hasSize(2);
                assertThat(html).contains("class=\"" + FigureHtml.PNG_CLASS + "\"")
                        .contains("data:image/png;base64," + plot.parts().get(1).text())
                        .contains("display:none;width:");
            } else {
                assertThat(c.mimes()).containsExactly("text/html", "text/plain");
                assertThat(c.outputs().get(1).text()).startsWith("No PNG for this plot");
            }
        }
    }

    @Test
    void releasedTableHasEveryNetWithPublishedAndCodeRuleCounts() {
        Table t = releasedTable();
        assertThat(t.rowCount()).isEqualTo(released().size()).isEqualTo(15);
        assertThat(t.columnNames()).contains("name", "dataset", "params (M)", "FLOPs (M)", "top-1 (%)",
                "code params (M)", "code FLOPs (M)");
        int row = t.stringColumn("name").indexOf("zennet_cifar10_model_size1M_res32");
        assertThat(t.doubleColumn("code params (M)").get(row)).isEqualTo(0.985); // 985,105 (conventions §3.6)
        assertThat(t.doubleColumn("params (M)").get(row)).isEqualTo(1.0);
    }

    @Test
    void layerTableAddsUpToTheLibraryCountsForEveryReleasedNet() {
        for (ReleasedNet net : released()) {
            Counts c = Counts.of(net.structure(), net.resolution(), net.numClasses(), false);
            Table layers = layerTable(net.structure(), true, false);
            long last = net.structure().outChannels();
            long code = (long) layers.longColumn("params (code rule)").sum() + last * net.numClasses() + 1;
            long real = (long) layers.longColumn("params (true)").sum() + last * net.numClasses() + net.numClasses();
            assertThat(code).as(net.name() + " code rule").isEqualTo(c.paramsCode());
            assertThat(real).as(net.name() + " true params").isEqualTo(c.params());
        }
    }

    @Test
    void blockTableHasOneRowPerSuperBlock() {
        Structure s = structure(CIFAR_PROXY);
        Table blocks = blockTable(s, 32, 10);
        assertThat(blocks.rowCount()).isEqualTo(6);
        assertThat(blockTable(released("zennet_cifar10_model_size1M_res32")).rowCount()).isEqualTo(8);
        assertThat(counts(s, 32, 10).layers()).isEqualTo(6);
    }

    @Test
    void noResidualLayerTableHasNoShortcuts() {
        Table plain = layerTable(structure(CIFAR_PROXY), false, false);
        assertThat(plain.stringColumn("layer").asList()).noneMatch(l -> l.contains("residual")
                || l.contains("projection"));
        Table res = layerTable(structure(CIFAR_PROXY), true, false);
        assertThat(res.stringColumn("layer").asList()).filteredOn(l -> l.contains("projection")).hasSize(4);
    }

    @Test
    void shortNamesForEveryReleasedNetAreDistinct() {
        assertThat(shortName(released("zennet_cifar100_model_size05M_res32"))).isEqualTo("C100 0.5M");
        assertThat(shortName(released("zennet_imagenet1k_flops400M_SE_res224"))).isEqualTo("IN 400M SE");
        assertThat(shortName(released("zennet_imagenet1k_latency12ms_res224"))).isEqualTo("IN 1.2 ms");
        assertThat(released().stream().map(Workbench::shortName).distinct().count()).isEqualTo(15);
    }

    @Test
    void notebookPreludeSummarisesTheSetUp() {
        assertThat(notebook()).startsWith("Zen-NAS Workbench").contains("kernel: plain").contains("quick mode:");
    }
}
