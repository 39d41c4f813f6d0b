package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    static final String TINY = "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,2,8,1)SuperConvK1BNRELU(16,32,1,1)";

    @Test
    void trainsReportsAndEvaluatesAsJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        ScoreCommandTest.Run r = ScoreCommandTest.run("train", TINY, "--preset", "quick", "--epochs", "2", "--batch", "32",
                "--train-limit", "128", "--test-limit", "64", "--threads", "1", "--out", out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        for (String key : new String[] {"best_top1", "final_top1", "epochs", "images_per_second", "seconds", "out", "history"}) {
            assertThat(o.has(key)).as(key).isTrue();
        }
        assertThat(o.get("epochs").getAsInt()).isEqualTo(2);
        assertThat(o.getAsJsonArray("history")).hasSize(2);
        assertThat(o.getAsJsonArray("history").get(0).getAsJsonObject().has("test_top1")).isTrue();

        ScoreCommandTest.Run report = ScoreCommandTest.run("train", "report", out.toString(), "--no-png");
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("test_top1").contains("report.html");
        assertThat(Files.readString(out.resolve("report.html"))).contains("Plotly.newPlot").doesNotContain("<script src=\"http");

        ScoreCommandTest.Run eval = ScoreCommandTest.run("eval", TINY, "--weights", out.toString(), "--threads", "1", "--json");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(JsonParser.parseString(eval.out()).getAsJsonObject().get("top1").getAsDouble())
                .isEqualTo(o.get("best_top1").getAsDouble());

        // finished runs are not overwritten, and a resume of another structure is refused
        ScoreCommandTest.Run again = ScoreCommandTest.run("train", TINY, "--out", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a training run");
        ScoreCommandTest.Run other = ScoreCommandTest.run("train", "SuperConvK3BNRELU(3,8,1,1)SuperConvK1BNRELU(8,16,1,1)",
                "--resume", out.toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("another structure");
    }

    @Test
    void badInputExitsWith2AndOneLine(@TempDir Path dir) {
        String[][] cases = {
                {"train", TINY, "--dataset", "mnist"},
                {"train", TINY, "--preset", "fast"},
                {"train", TINY, "--epochs", "0"},
                {"train", TINY, "--layout", "nhcw"},
                {"train", "--resume", dir.resolve("nothing").toString()},
                {"train", "zennet_cifar10_model_size1M_res32", "--batch", "20000", "--train-limit", "40000",
                        "--out", dir.resolve("big").toString()},
                {"train", dir.toString()},
                {"eval", TINY, "--weights", dir.toString()},
                {"train", TINY, "--dataset", "cifar100", "--out", dir.resolve("c100").toString()}, // no copy here
        };
        for (String[] args : cases) {
            ScoreCommandTest.Run r = ScoreCommandTest.run(args);
            assertThat(r.code()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("zen: ").doesNotContain("Exception");
        }
        assertThat(ScoreCommandTest.run(cases[0]).err()).contains("cifar10");
        assertThat(ScoreCommandTest.run(cases[5]).err()).contains("smaller --batch");
        assertThat(ScoreCommandTest.run(cases[6]).err()).contains("best_structure.txt");
        assertThat(ScoreCommandTest.run(cases[8]).err()).contains("cifar-100-binary");
        assertThat(dir.resolve("c100")).doesNotExist(); // nothing written for a run that cannot start
    }
}
