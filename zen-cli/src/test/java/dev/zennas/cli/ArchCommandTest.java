package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void infoJsonOfAReleasedNetReportsTheGoldenCounts() {
        Run r = run("arch", "info", "zennet_cifar10_model_size1M_res32", "--json");
        assertThat(r.code()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("params_code").getAsLong()).isEqualTo(985_105L);
        assertThat(o.get("flops_code").getAsLong()).isEqualTo(155_170_848L);
        assertThat(o.get("params").getAsLong()).isEqualTo(994_674L);
        assertThat(o.get("layers").getAsInt()).isEqualTo(18);
        assertThat(o.get("blocks").getAsJsonArray()).hasSize(8);
        assertThat(o.get("resolution").getAsInt()).isEqualTo(32);
    }

    @Test
    void presetDefaultsCanBeOverridden() {
        Run r = run("arch", "info", "zennet_cifar10_model_size1M_res32", "--classes", "100", "--json");
        assertThat(JsonParser.parseString(r.out()).getAsJsonObject().get("params_code").getAsLong()).isEqualTo(1_031_185L);
        Run se = run("arch", "info", "zennet_imagenet1k_flops400M_SE_res224", "--json");
        JsonObject o = JsonParser.parseString(se.out()).getAsJsonObject();
        assertThat(o.get("se").getAsBoolean()).isTrue();
        assertThat(o.get("params").getAsLong()).isEqualTo(7_466_024L);
        assertThat(o.get("params_code").getAsLong()).isEqualTo(5_673_833L);
    }

    @Test
    void structureFromAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("best_structure.txt");
        Files.writeString(f, "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,2,8,1)\n");
        Run r = run("arch", "info", "@" + f, "--json");
        assertThat(r.code()).isZero();
        assertThat(JsonParser.parseString(r.out()).getAsJsonObject().get("layers").getAsInt()).isEqualTo(2);
        Run missing = run("arch", "info", "@" + dir.resolve("nope.txt"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("zen: no such file");
    }

    @Test
    void humanOutputHasTheBlockTableAndTotals() {
        Run r = run("arch", "info", "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,2,8,1)");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("SuperResK3K3").contains("bottleneck").contains("totals: layers 2");
    }

    @Test
    void badInputExitsTwoWithOneLineNamingThePosition() {
        Run r = run("arch", "info", "SuperConvK3BNRELU(3,8,1,1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("position 25").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run("arch", "info", "zennet_nope").err()).contains("unknown released net");
        assertThat(run("arch", "info", "x", "--resolution", "-1").code()).isEqualTo(2);
        assertThat(run("arch", "info", "zennet_cifar10_model_size1M_res32", "--resolution", "-4").code()).isEqualTo(2);
        assertThat(run("arch", "info", "zennet_cifar10_model_size1M_res32", "--resolution", "abc").code()).isEqualTo(2);
        Run odd = run("arch", "info", "zennet_cifar10_model_size1M_res32", "--resolution", "33");
        assertThat(odd.code()).isEqualTo(2);
        assertThat(odd.err()).contains("--resolution 33 is not divisible by the structure's down-sampling factor");
        Run huge = run("arch", "info", "Q".repeat(10_000_000));
        assertThat(huge.code()).isEqualTo(2);
        assertThat(huge.err().length()).isLessThan(600);
        assertThat(run("nonsense").code()).isEqualTo(2);
    }

    @Test
    void listShowsAllReleasedNets() {
        Run r = run("arch", "list", "--json");
        assertThat(r.code()).isZero();
        JsonArray a = JsonParser.parseString(r.out()).getAsJsonArray();
        assertThat(a).hasSize(15);
        assertThat(a.get(1).getAsJsonObject().get("top1").getAsDouble()).isEqualTo(96.2);
        assertThat(run("arch", "list").out()).contains("zennet_imagenet1k_latency12ms_res224");
    }
}
