package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.arch.Structure;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ProxyTarget;
import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ZenConvention;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ScoreCommandTest {

    static final String INIT = "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,1,8,1)SuperResK3K3(16,32,2,16,1)"
            + "SuperResK3K3(32,64,2,32,1)SuperResK3K3(64,64,2,32,1)SuperConvK1BNRELU(64,128,1,1)";

    record Run(int code, String out, String err) { }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void jsonHasTheDocumentedKeys() {
        Run r = run("score", INIT, "--repeats", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        for (String key : new String[] {"proxy", "mean", "std", "ci95", "repeats", "values", "seconds_per_repeat"}) {
            assertThat(o.has(key)).as(key).isTrue();
        }
        assertThat(o.get("proxy").getAsString()).isEqualTo("zen");
        assertThat(o.get("convention").getAsString()).isEqualTo("A");
        assertThat(o.get("batch").getAsInt()).isEqualTo(64);
        assertThat(o.get("resolution").getAsInt()).isEqualTo(32);
        assertThat(o.get("repeats").getAsInt()).isEqualTo(2);
        assertThat(o.getAsJsonArray("values")).hasSize(2);
        assertThat(o.get("mean").getAsDouble()).isBetween(14.5, 16.5);
        assertThat(o.getAsJsonObject("parts").has("log_delta")).isTrue();
    }

    /** The command scores through the scoring core; its values are the proxy's own, draw for draw. */
    @Test
    void valuesEqualTheProxyCalledDirectly() {
        ProxyTarget target = Proxies.target(Structure.parse(INIT), 16, 10);
        ProxySettings base = ProxySettings.defaults().withBatchSize(4).withResolution(16).withRepeats(2).withSeed(7);
        String[][] cases = {
                {"zen", "--accumulate-bn-stats"}, {"zen", "--convention", "B"}, {"naswot"}, {"synflow"}, {"random"}};
        ProxySettings[] settings = {base.withAccumulateBnStats(true), base.withConvention(ZenConvention.B), base,
                base, base};
        for (int c = 0; c < cases.length; c++) {
            List<String> args = new ArrayList<>(List.of("score", INIT, "--proxy", cases[c][0], "--batch", "4",
                    "--resolution", "16", "--repeats", "2", "--seed", "7", "--json"));
            args.addAll(List.of(cases[c]).subList(1, cases[c].length));
            Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
            double[] expected = Proxies.get(cases[c][0]).score(target, settings[c]).values();
            double[] got = new double[2];
            var values = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("values");
            for (int i = 0; i < got.length; i++) {
                got[i] = values.get(i).getAsDouble();
            }
            assertThat(got).as(String.join(" ", cases[c])).containsExactly(expected);
        }
    }

    @Test
    void naswotDefaultsToBatch8AndHumanOutputIsOneLine() {
        Run r = run("score", INIT, "--proxy", "naswot", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JsonParser.parseString(r.out()).getAsJsonObject().get("batch").getAsInt()).isEqualTo(8);
        Run human = run("score", INIT, "--proxy", "params");
        assertThat(human.code()).isZero();
        assertThat(human.out()).startsWith("params of structure").contains("83241.0000");
    }

    @Test
    void badInputExitsWith2AndOneLine() {
        for (String[] args : new String[][] {
                {"score", INIT, "--proxy", "snip"},
                {"score", INIT, "--convention", "D"},
                {"score", INIT, "--batch", "1"},
                {"score", INIT, "--repeats", "0"},
                {"score", INIT, "--gamma", "-1"},
                {"score", "SuperConvK3BNRELU(3,8,1,1"},
                {"score", "no_such_net"},
                {"score", INIT, "--resolution", "30"}}) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void benchCommandsRunSmall() {
        Run proxy = run("bench", "proxy", "--arch", INIT, "--repeats", "1", "--warmup", "0", "--no-reference");
        assertThat(proxy.code()).as(proxy.err()).isZero();
        assertThat(proxy.out()).contains("DJL    : median").contains("reference skipped");
        Run soak = run("bench", "soak", "--count", "3", "--batch", "4");
        assertThat(soak.code()).as(soak.err()).isZero();
        assertThat(soak.out()).contains("drift").contains("0 non-finite");
        assertThat(run("bench", "soak", "--count", "0").code()).isEqualTo(2);
    }
}
