package dev.zennas.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zennas.plot.Plots;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Renders with the real Chromium when it is installed (skipped otherwise); about 3-5 s per render. */
class ChromiumTest {

    @AfterEach
    void clear() {
        System.clearProperty("ZEN_CHROMIUM");
    }

    @Test
    void pngSignatureCheck() {
        assertThat(Chromium.isPng(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0})).isTrue();
        assertThat(Chromium.isPng(new byte[] {'G', 'I', 'F', '8', '9', 'a', 0, 0})).isFalse();
        assertThat(Chromium.isPng(null)).isFalse();
    }

    @Test
    void aMissingChromiumIsReportedWithAReason() {
        System.setProperty("ZEN_CHROMIUM", "/nonexistent/chromium");
        assertThat(Chromium.locate()).isEmpty();
        assertThat(Chromium.unavailableReason()).get().asString().contains("/nonexistent/chromium");
        assertThatThrownBy(() -> Chromium.screenshot("<p>x</p>", 100, 100))
                .isInstanceOf(Chromium.RenderException.class).hasMessageContaining("not an executable");
    }

    @Test
    void rendersAPlotlyFigureToAPngOfTheFigureSize() throws Exception {
        assumeTrue(Chromium.locate().isPresent(), "Chromium not installed");
        assumeTrue(PlotlyJs.locate().isPresent(), "plotly.js not installed (kernel-setup/install)");
        Table t = Table.create("t", StringColumn.create("g", "a", "a", "b"), DoubleColumn.create("x", 1, 2, 3),
                DoubleColumn.create("y", 3, 1, 2));
        byte[] png = Show.png(Plots.scatter("three points", t, "x", "y", "g"));
        assertThat(Chromium.isPng(png)).isTrue();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(Plots.WIDTH);
        assertThat(img.getHeight()).isEqualTo(Plots.HEIGHT);
        assertThat(distinctColours(img)).as("a drawn plot, not a blank page").isGreaterThan(10);
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
