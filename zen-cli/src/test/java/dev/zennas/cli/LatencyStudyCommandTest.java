package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.latency.TrainedLatencyTest;
import dev.zennas.train.ZenAccuracyStudy;
import dev.zennas.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class LatencyStudyCommandTest {

    @Test
    void commandWritesTheTableIntoTheStudyAndRefusesAnUnfinishedStudy(@TempDir Path dir) throws Exception {
        ScoreCommandTest.Run missing = ScoreCommandTest.run("latency", "study", dir.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no study.json").doesNotContain("Exception");

        Files.writeString(dir.resolve("study.json"), Json.print(ZenAccuracyStudy.toJson(TrainedLatencyTest.study())), StandardCharsets.UTF_8);
        ScoreCommandTest.Run r = ScoreCommandTest.run("latency", "study", dir.toString(), "--threads", "1", "--runs", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("kendall_tau").contains("measured_ms");
        Table csv = Table.read().csv(dir.resolve("latency.csv").toString());
        assertThat(csv.rowCount()).isEqualTo(3);
    }
}
