package dev.zennas.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class LatencyTableTest {

    static final TableHeader HERE = new TableHeader("Test CPU 9000", 1, MemoryLayout.CHANNELS_LAST, 1, "djl 1, libtorch 2",
            Clock.CPU);

    /** A synthetic table: time = 0.01 ms + work / 1e9 ms per operation, on the sides of 224 and 32 px inputs. */
    public static LatencyTable synthetic(TableHeader h) {
        LatencyTable t = new LatencyTable(h);
        TableBuilder b = new TableBuilder(h, List.of(224, 32), 0, 3, 2, 1, false);
        for (LayerOp op : b.grid()) t.put(op, model(op));
        t.setOverhead(0.5, 1.1, 0.0, new JsonObject());
        return t;
    }

    static double model(LayerOp op) {
        return 0.01 + op.work() / 1e9;
    }

    @Test
    void writesAndReadsBackTheSameTable(@TempDir Path dir) throws Exception {
        LatencyTable t = synthetic(HERE);
        Path file = HERE.file(dir);
        t.write(file);
        assertThat(file.getFileName().toString())
                .isEqualTo("test-cpu-9000_t1_channels-last_b1_cpu_djl-1-libtorch-2.json");
        LatencyTable back = LatencyTable.load(file, HERE);
        assertThat(back.header()).isEqualTo(HERE);
        assertThat(back.size()).isEqualTo(t.size());
        assertThat(back.intercept()).isEqualTo(0.5);
        assertThat(back.slope()).isEqualTo(1.1);
        Structure s = ReleasedNets.get("zennet_imagenet1k_latency01ms_res224").structure();
        assertThat(back.predictMs(s, 224, 1000, false)).isCloseTo(t.predictMs(s, 224, 1000, false), within(1e-3));
    }

    @Test
    void refusesATableFromAnotherDeviceThreadCountOrVersion(@TempDir Path dir) throws Exception {
        synthetic(HERE).write(HERE.file(dir));
        Path file = HERE.file(dir);
        for (TableHeader other : new TableHeader[] {
                new TableHeader("Other CPU", 1, MemoryLayout.CHANNELS_LAST, 1, HERE.versions(), Clock.CPU),
                new TableHeader(HERE.device(), 2, MemoryLayout.CHANNELS_LAST, 1, HERE.versions(), Clock.WALL),
                new TableHeader(HERE.device(), 1, MemoryLayout.CHANNELS_LAST, 1, "djl 1, libtorch 3", Clock.CPU)}) {
            assertThatThrownBy(() -> LatencyTable.load(file, other))
                    .isInstanceOf(LatencyException.class)
                    .hasMessageContaining("was measured for")
                    .hasMessageContaining("rebuild it here with `zen latency table build --threads " + other.threads());
        }
        assertThatThrownBy(() -> LatencyTable.load(dir.resolve("missing.json"), HERE))
                .hasMessageContaining("build it with `zen latency table build");
        Files.writeString(dir.resolve("junk.json"), "{not json");
        assertThatThrownBy(() -> LatencyTable.load(dir.resolve("junk.json"), HERE)).isInstanceOf(LatencyException.class);
    }

    @Test
    void interpolatesBetweenMeasuredWidthsAndResolutions() {
        LatencyTable t = new LatencyTable(HERE);
        // t = c · in · out at side 28 and 4× that at side 56: the log-log interpolation is exact for such laws
        for (int side : new int[] {28, 56}) {
            for (int in : new int[] {64, 128}) {
                for (int out : new int[] {64, 128}) {
                    t.put(LayerOp.conv(in, out, 1, 1, side), 1e-5 * in * out * (side == 56 ? 4 : 1));
                }
            }
        }
        assertThat(t.opMs(LayerOp.conv(96, 80, 1, 1, 28))).isCloseTo(1e-5 * 96 * 80, within(1e-9));
        assertThat(t.opMs(LayerOp.conv(96, 80, 1, 1, 40))).isCloseTo(1e-5 * 96 * 80 * Math.pow(40 / 28.0, 2), within(1e-6));
        // beyond the grid: proportional to the work
        assertThat(t.opMs(LayerOp.conv(256, 128, 1, 1, 28))).isCloseTo(1e-5 * 256 * 128, within(1e-9));
        assertThat(t.opMs(LayerOp.conv(128, 128, 1, 1, 14))).isCloseTo(1e-5 * 128 * 128 / 4, within(1e-9));
    }

    @Test
    void theOverheadFitRecoversALineAndFallsBackToAProportionalFit() {
        double[] x = {1, 10, 50, 200};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = 0.7 + 1.2 * x[i];
        double[] f = TableBuilder.fit(x, y);
        assertThat(f[0]).isCloseTo(0.7, within(1e-9));
        assertThat(f[1]).isCloseTo(1.2, within(1e-9));
        // a falling line is unphysical: proportional instead
        double[] g = TableBuilder.fit(new double[] {1, 2, 3}, new double[] {3, 2, 1});
        assertThat(g[0]).isZero();
        assertThat(g[1]).isPositive();
    }

    @Test
    void aMissingGridPointIsFilledFromItsNeighbourByWork() {
        LatencyTable t = new LatencyTable(HERE);
        t.put(LayerOp.conv(64, 64, 3, 1, 14), 1.0);
        t.put(LayerOp.conv(64, 128, 3, 1, 14), 2.0);
        t.put(LayerOp.conv(128, 64, 3, 1, 14), 2.0);
        // (128,128) was too costly to measure: 4.0 by work
        assertThat(t.opMs(LayerOp.conv(128, 128, 3, 1, 14))).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void predictsTheSyntheticLawWithinAFewPercentOnReleasedNets() {
        LatencyTable t = synthetic(HERE);
        for (var net : ReleasedNets.all()) {
            List<LayerOp> ops = LayerOp.of(net.structure(), net.resolution(), net.numClasses(), net.se());
            double truth = 0;
            for (LayerOp op : ops) truth += model(op);
            double sum = t.sumMs(ops);
            assertThat(sum).as(net.name()).isCloseTo(truth, within(0.05 * truth));
            assertThat(t.predictMs(net.structure(), net.resolution(), net.numClasses(), net.se()))
                    .isCloseTo(0.5 + 1.1 * sum, within(1e-9));
        }
    }

    @Test
    void theOperationsOfABottleneckBlockIncludeProjectionAndAdds() {
        Structure s = Structure.parse("SuperConvK3BNRELU(3,8,2,1)SuperResK1K3K1(8,16,2,8,1)SuperConvK1BNRELU(16,32,1,1)");
        List<LayerOp> ops = LayerOp.of(s, 32, 10, false);
        assertThat(ops).contains(LayerOp.conv(3, 8, 3, 2, 32), LayerOp.conv(8, 16, 1, 2, 16),
                LayerOp.conv(8, 8, 3, 2, 16), LayerOp.elementwise(LayerOp.Kind.ADD, 16, 8), LayerOp.head(32, 10, 8));
        assertThat(ops.stream().filter(o -> o.kind() == LayerOp.Kind.ADD)).hasSize(2);
    }
}
