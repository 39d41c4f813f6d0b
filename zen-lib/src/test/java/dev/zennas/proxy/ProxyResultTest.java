package dev.zennas.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a proxy result reads: the line and the JSON object {@code zen score} prints, from known values. */
class ProxyResultTest {

    static final ProxySettings SETTINGS = ProxySettings.defaults().withBatchSize(4).withResolution(16).withGamma(0.01)
            .withSeed(7).withConvention(ZenConvention.B);

    @Test
    void summaryNamesTheConventionAndGammaOnlyForZen() {
        // values 1 and 3: mean 2, std √2, 95 % half-width 1.96·√2/√2 = 1.96
        ProxyResult zen = ProxyResult.of("zen", new double[] {1, 3}, 0.5, Map.of());
        assertThat(zen.summary("net", SETTINGS)).isEqualTo(String.format("zen (convention B) of net (batch 4,"
                + " resolution 16, gamma 0.01): %.4f ± %.4f  (95%% CI %.4f .. %.4f, 2 repeats, %.3f s/repeat)",
                2.0, Math.sqrt(2), 0.04, 3.96, 0.5));
        ProxyResult params = ProxyResult.of("params", new double[] {5}, 0, Map.of());
        assertThat(params.summary("net", SETTINGS)).isEqualTo(String.format(
                "params of net (batch 4, resolution 16): %.4f ± %.4f  (95%% CI %.4f .. %.4f, 1 repeat, %.3f s/repeat)",
                5.0, 0.0, 5.0, 5.0, 0.0));
    }

    @Test
    void summaryWarnsOnASecondLineWhenRepeatsWereNonFinite() {
        ProxyResult r = ProxyResult.of("zen", new double[] {1, Double.NaN, Double.POSITIVE_INFINITY}, 0.1, Map.of());
        assertThat(r.summary("net", SETTINGS).lines().toList()).hasSize(2).last()
                .isEqualTo("warning: 2 of 3 repeats gave a non-finite score (excluded from the mean)");
    }

    @Test
    void jsonCarriesValuesPartsAndSettings() {
        ProxyResult zen = ProxyResult.of("zen", new double[] {1, 3}, 0.5,
                Map.of("log_delta", new double[] {0.25, 0.75}));
        JsonObject o = zen.toJson("net", "S", SETTINGS, 10);
        assertThat(o.get("arch").getAsString()).isEqualTo("net");
        assertThat(o.get("structure").getAsString()).isEqualTo("S");
        assertThat(o.get("mean").getAsDouble()).isEqualTo(2.0);
        assertThat(o.get("std").getAsDouble()).isEqualTo(Math.sqrt(2));
        assertThat(o.getAsJsonArray("ci95").get(0).getAsDouble()).isEqualTo(zen.ci95Low());
        assertThat(o.getAsJsonArray("ci95").get(1).getAsDouble()).isEqualTo(zen.ci95High());
        assertThat(o.getAsJsonArray("values").get(1).getAsDouble()).isEqualTo(3.0);
        assertThat(o.getAsJsonObject("parts").getAsJsonArray("log_delta").get(0).getAsDouble()).isEqualTo(0.25);
        assertThat(o.get("batch").getAsInt()).isEqualTo(4);
        assertThat(o.get("resolution").getAsInt()).isEqualTo(16);
        assertThat(o.get("classes").getAsInt()).isEqualTo(10);
        assertThat(o.get("seed").getAsLong()).isEqualTo(7);
        assertThat(o.get("convention").getAsString()).isEqualTo("B");
        assertThat(o.get("accumulate_bn_stats").getAsBoolean()).isFalse();
        assertThat(o.get("non_finite").getAsInt()).isZero();
        JsonObject params = ProxyResult.of("params", new double[] {5}, 0, Map.of()).toJson("net", "S", SETTINGS, 10);
        assertThat(params.has("convention")).as("only zen reads a convention").isFalse();
        assertThat(params.has("accumulate_bn_stats")).isFalse();
    }
}
