package dev.zennas.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line and JSON forms of measured and predicted latencies, as the command and a notebook print them. */
class LatencyPredictionTest {

    static final Structure NET = ReleasedNets.get("zennet_cifar10_model_size1M_res32").structure();

    static MeasurementProtocol.Builder protocol() {
        return LatencyProtocolTest.fixed().clock(Clock.CPU).resolution(32).numClasses(10);
    }

    @Test
    void aMeasuredResultReadsAsOneLineWithItsStatistics() {
        // median 12.5, MAD 1.5·1.4826: the 100 ms run is dropped; kept 10..14 give median 12 and p90 13.6
        RunStatistics stats = RunStatistics.of(new double[] {10, 11, 12, 13, 14, 100});
        LatencyResult r = new LatencyResult(protocol().batch(2).build(), "net", "S", MemoryLayout.NCHW, stats,
                OptionalDouble.of(15), 0);
        assertThat(r.summary()).isEqualTo(String.format("net: median %.3f ms, p90 %.3f ms (noise p90/median %.2f),"
                + " %.3f ms per image; batch 2, resolution 32, test cpu / 1 thread, nchw; 5 runs kept, 1 outlier dropped;"
                + " nchw is faster (the other layout: median %.3f ms)", 12.0, 13.6, 13.6 / 12, 6.0, 15.0));
        LatencyResult steady = new LatencyResult(protocol().build(), "net", "S", MemoryLayout.CHANNELS_LAST,
                RunStatistics.of(new double[] {5, 5, 5, 5, 5}), OptionalDouble.empty(), 0);
        assertThat(steady.summary()).endsWith("channels-last; 5 runs kept, 0 outliers dropped");
    }

    @Test
    void predictsFromThisMachinesTableWithItsBreakdown(@TempDir Path dir) throws Exception {
        TableHeader here = TableHeader.here(1, MemoryLayout.CHANNELS_LAST, 1, Clock.CPU);
        LatencyTableTest.synthetic(here).write(here.file(dir));
        LatencyPrediction p = LatencyPrediction.predict(dir, NET, "c1m", protocol().layout(MemoryLayout.AUTO).build());
        double expected = LatencyPredictor.load(dir, 1, MemoryLayout.CHANNELS_LAST, 1, Clock.CPU).predictMs(NET, 32, 10,
                false);
        assertThat(p.ms()).isEqualTo(expected).isPositive();
        assertThat(p.layout()).as("AUTO reads the channels-last table").isEqualTo(MemoryLayout.CHANNELS_LAST);
        assertThat(p.table()).isEqualTo(here.fileName());
        assertThat(p.warmCallUs()).isPositive();
        JsonObject o = p.toJson();
        assertThat(o.get("predicted_ms").getAsDouble()).isEqualTo(Math.round(expected * 1e4) / 1e4);
        assertThat(o.get("per_image_ms").getAsDouble()).isEqualTo(Math.round(expected * 1e4) / 1e4);
        assertThat(o.get("layout").getAsString()).isEqualTo("channels-last");
        assertThat(o.get("clock").getAsString()).isEqualTo("cpu");
        assertThat(o.get("structure").getAsString()).isEqualTo(NET.toString());
        assertThat(o.keySet()).containsSubsequence("arch", "predicted_ms", "prediction_us", "table",
                "sum_of_operations_ms", "calibration");
        assertThat(o.get("operations").getAsInt()).isEqualTo(LayerOp.of(NET, 32, 10, false).size());
        assertThat(p.summary()).isEqualTo(String.format("c1m: predicted %.3f ms (batch 1, resolution 32, test cpu /"
                + " 1 thread, channels-last; table %s; %.0f µs)", expected, here.fileName(), p.warmCallUs()));
    }

    @Test
    void refusesWhenThisMachineHasNoTableForTheProtocol(@TempDir Path dir) {
        assertThatThrownBy(() -> LatencyPrediction.predict(dir, NET, "c1m", protocol().build()))
                .isInstanceOf(LatencyException.class).hasMessageContaining("no latency table");
    }
}
