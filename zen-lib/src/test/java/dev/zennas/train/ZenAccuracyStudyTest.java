package dev.zennas.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.reproduce.StoredResults;
import dev.zennas.search.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZenAccuracyStudyTest {

    @Test
    void spreadTakesEvenlySpacedDistinctStructuresOverTheScoreRange() {
        List<Member> pop = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pop.add(new Member("s" + i, 10 - i, i)); // scores 10..1
        }
        pop.add(new Member("s3", 7, 99)); // duplicate string: counted once
        pop.add(new Member("nan", Double.NaN, 100));
        List<Member> s = ZenAccuracyStudy.spread(pop, 4);
        assertThat(s).extracting(Member::score).containsExactly(1.0, 4.0, 7.0, 10.0);
        assertThatThrownBy(() -> ZenAccuracyStudy.spread(pop, 11)).hasMessageContaining("fewer than 11");
    }

    @Test
    void correlationsOfAPerfectRankingAreOne() {
        List<ZenAccuracyStudy.Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(new ZenAccuracyStudy.Row(i, "s" + i, i, i * 2.0, 100 - i, 1000 + i, 50 + i, 1));
        }
        ZenAccuracyStudy.Result r = ZenAccuracyStudy.correlations(rows, 0, 1);
        assertThat(r.kendall().get("zen").estimate()).isEqualTo(1.0);
        assertThat(r.spearman().get("zen").estimate()).isEqualTo(1.0);
        assertThat(r.kendall().get("params").estimate()).isEqualTo(-1.0);
        assertThat(ZenAccuracyStudy.correlationTable(r).rowCount()).isEqualTo(3);
    }

    private static final List<Member> POPULATION = List.of(
            new Member("SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,2,8,1)SuperConvK1BNRELU(16,32,1,1)", 5, 0),
            new Member("SuperConvK3BNRELU(3,16,1,1)SuperResK3K3(16,32,2,16,1)SuperConvK1BNRELU(32,64,1,1)", 9, 1),
            new Member("SuperConvK3BNRELU(3,16,1,1)SuperResK3K3(16,32,2,16,1)SuperResK3K3(32,64,2,32,1)"
                    + "SuperConvK1BNRELU(64,128,1,1)", 14, 2));
    private static final ZenAccuracyStudy.Settings SMALL = new ZenAccuracyStudy.Settings(3,
            TrainRecipe.quick().withEpochs(1).withBatchSize(32), new DataSelection("cifar10", 128, 64, false), 0, 2);

    @Test
    void smallStudyRunsAndIsResumedFromItsRunDirectories(@TempDir Path dir) throws Exception {
        List<Member> pop = POPULATION;
        var settings = SMALL;
        ZenAccuracyStudy.Result r = ZenAccuracyStudy.run(pop, settings, dir, TrainListener.SILENT, new AtomicBoolean());
        assertThat(r.rows()).hasSize(3);
        assertThat(r.kendall()).containsKeys("zen", "params", "flops");
        assertThat(Files.exists(dir.resolve("study.json"))).isTrue();
        ZenAccuracyStudy.Result read = ZenAccuracyStudy.read(dir.resolve("study.json"));
        assertThat(read.rows()).isEqualTo(r.rows());
        assertThat(read.kendall().get("zen")).isEqualTo(r.kendall().get("zen"));
        // a second run reuses every network's finished run and cached Zen-Score from the small files alone: the
        // weights and checkpoints may be gone (a study carried to another machine), and nothing is written again
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".ndlist")).toList()) {
                Files.delete(f);
            }
        }
        // ... and without the population: the study's own networks.json fixes its networks
        ZenAccuracyStudy.Result again = ZenAccuracyStudy.run(null, settings, dir, TrainListener.SILENT, new AtomicBoolean());
        assertThat(again.rows()).isEqualTo(r.rows());
        assertThatThrownBy(() -> ZenAccuracyStudy.run(null, new ZenAccuracyStudy.Settings(4, settings.recipe(), settings.data(),
                0, 2), dir, TrainListener.SILENT, new AtomicBoolean()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("study of 3 networks");
        assertThatThrownBy(() -> ZenAccuracyStudy.run(null, settings, dir.resolve("none"), TrainListener.SILENT,
                new AtomicBoolean())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no networks.json");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".ndlist")).count()).isZero();
        }
    }

    @Test
    void anUnfinishedStudyCarriedAsSmallFilesEndsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        ZenAccuracyStudy.Result whole = ZenAccuracyStudy.run(POPULATION, SMALL, dir.resolve("whole"), TrainListener.SILENT,
                new AtomicBoolean());
        // stop after the first network, then keep only what a commit would: the small files
        AtomicBoolean stop = new AtomicBoolean();
        TrainListener stopAfterFirst = new TrainListener() {
            @Override
            public void onNote(String message) {
                if (message.startsWith("net 1/")) stop.set(true);
            }
        };
        Path stopped = dir.resolve("stopped");
        ZenAccuracyStudy.Result part = ZenAccuracyStudy.run(POPULATION, SMALL, stopped, stopAfterFirst, stop);
        assertThat(part.rows()).hasSize(1);
        assertThat(Files.exists(stopped.resolve(ZenAccuracyStudy.STUDY))).isFalse();
        List<Path> written = StoredResults.exportTraining(stopped, dir.resolve("stored"));
        Path carried = dir.resolve("stored").resolve(StoredResults.STUDY_FILES);
        assertThat(written).contains(carried.resolve(ZenAccuracyStudy.NETWORKS), carried.resolve("net-00").resolve(TrainRun.RESULT))
                .noneMatch(p -> p.toString().endsWith(".ndlist") || p.startsWith(carried.resolve("net-01")));
        assertThat(Files.exists(dir.resolve("stored").resolve(StoredResults.STUDY))).isFalse(); // unfinished: no result yet
        // continuing from the copy alone (no population, no weights) trains the rest and gives the same study
        ZenAccuracyStudy.Result continued = ZenAccuracyStudy.run(null, SMALL, carried, TrainListener.SILENT, new AtomicBoolean());
        assertThat(withoutTimes(continued)).isEqualTo(withoutTimes(whole));
        assertThat(continued.kendall()).isEqualTo(whole.kendall());
    }

    /** A study's rows without their wall times (the only thing two runs of the same study may differ in). */
    private static List<ZenAccuracyStudy.Row> withoutTimes(ZenAccuracyStudy.Result r) {
        return r.rows().stream().map(x -> new ZenAccuracyStudy.Row(x.index(), x.structure(), x.populationScore(), x.zenScore(),
                x.params(), x.flops(), x.top1(), 0)).toList();
    }
}
