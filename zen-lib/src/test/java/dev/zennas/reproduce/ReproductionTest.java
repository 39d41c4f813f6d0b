package dev.zennas.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zennas.arch.Counts;
import dev.zennas.arch.Structure;
import dev.zennas.search.Presets;
import dev.zennas.search.SearchMode;
import dev.zennas.search.SearchReport;
import dev.zennas.search.SearchRun;
import dev.zennas.search.SearchSettings;
import dev.zennas.train.ZenAccuracyStudy;
import dev.zennas.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The reproduction report's findings, the stored results it reads, their export, and {@code --check}. */
class ReproductionTest {
    @TempDir
    Path tmp;

    private Reproduction reproduction(Path stored) {
        return new Reproduction(Reproduction.Options.quick(stored), new PrintWriter(new StringWriter()));
    }

    private static Finding find(List<Finding> findings, String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id));
    }

    @Test
    void releasedCountsReproduceWhereTheReadmeCountsTheDeployedNetAndSayWhyElsewhere() {
        Reproduction r = reproduction(tmp);
        r.releasedCounts();
        List<Finding> f = r.findings();
        assertThat(f).hasSize(30).allSatisfy(x -> assertThat(x.section()).isEqualTo(Reproduction.RELEASED));
        Finding c1m = find(f, "released/zennet_cifar10_model_size1M_res32/params");
        assertThat(c1m.outcome()).isEqualTo(Outcome.REPRODUCED);
        assertThat(c1m.paper()).isEqualTo("1");
        assertThat(c1m.ours()).isEqualTo("0.9947");
        assertThat(find(f, "released/zennet_cifar10_model_size1M_res32/flops").ours()).isEqualTo("162.8");
        assertThat(find(f, "released/zennet_imagenet1k_flops900M_SE_res224/params").outcome()).isEqualTo(Outcome.REPRODUCED);
        Finding c100 = find(f, "released/zennet_cifar100_model_size05M_res32/params");
        assertThat(c100.outcome()).isEqualTo(Outcome.DIFFERS);
        assertThat(c100.reason()).contains("9.327 %").contains("repeats the CIFAR-10 net's count");
        Finding se = find(f, "released/zennet_imagenet1k_flops400M_SE_res224/params");
        assertThat(se.outcome()).isEqualTo(Outcome.DIFFERS);
        assertThat(se.reason()).contains("leaves out the SE modules: 5.674 M");
        assertThat(f).filteredOn(x -> x.outcome() == Outcome.DIFFERS).hasSize(5);
        assertThat(Reproduction.shortName("zennet_cifar100_model_size05M_res32")).isEqualTo("c100 05M");
        assertThat(Reproduction.shortName("zennet_imagenet1k_flops400M_SE_res224")).isEqualTo("in1k flops400M_SE");
    }

    @Test
    void missingStoredResultsNameTheFileAndTheCommandAndTheRestIsReported() {
        Path stored = tmp.resolve("results");
        Reproduction r = reproduction(stored);
        Table searches = r.searches();
        r.training();
        r.latency();
        List<Finding> f = r.findings();
        Finding fig7 = find(f, "fig7/search");
        assertThat(fig7.outcome()).isEqualTo(Outcome.MISSING);
        assertThat(fig7.reason()).contains(stored.resolve("searches/cifar-params-1M/summary.json").toString())
                .contains(Reproduction.searchCommand("cifar-params-1M"));
        assertThat(find(f, "fig15/cifar10").reason()).contains("zen-vs-accuracy.json").contains("zen train study");
        assertThat(find(f, "latency/rank").reason()).contains("released.csv").contains("zen latency released");
        assertThat(f).filteredOn(x -> x.outcome() == Outcome.MISSING).hasSize(3);
        // the numbers that need no stored result are still there
        assertThat(f).filteredOn(x -> x.id().startsWith("top1/")).hasSize(15);
        assertThat(find(f, "latency/zennet_imagenet1k_latency01ms_res224/v100").outcome()).isEqualTo(Outcome.NOT_HERE);
        assertThat(searches.rowCount()).isEqualTo(12);
        assertThat(searches.stringColumn("net").get(0)).startsWith("missing: ").contains("zen search export");
        String md = ReproductionReport.markdown(new Reproduction.Result(f, searches, java.util.Map.of(), 0),
                java.util.Map.of(), "zen reproduce --quick");
        assertThat(md).contains("**Missing stored results**").contains("zen search export runs/budget/cifar-params-1M");
    }

    @Test
    void writtenReportHasMarkdownHtmlAndFindingsThatCheckCleanAgainstThemselves() {
        Reproduction r = reproduction(tmp.resolve("results"));
        r.releasedCounts();
        Table searches = r.searches();
        Reproduction.Result result = new Reproduction.Result(r.findings(), searches, r.plotTablesForTest(), 1);
        Path out = tmp.resolve("docs");
        List<Path> written = ReproductionReport.write(result, out, "zen reproduce --quick");
        assertThat(written).contains(out.resolve("reproduction.md"), out.resolve("reproduction.html"),
                out.resolve("reproduction/findings.csv"));
        assertThat(written).anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("released-counts."));
        Table csv = Table.read().csv(out.resolve("reproduction/findings.csv").toString());
        assertThat(csv.rowCount()).isEqualTo(r.findings().size());
        assertThat(ReproductionReport.check(r.findings(), out.resolve("reproduction/findings.csv"))).isEmpty();
    }

    /** A finished tiny search (a hash scorer: no libtorch), exported into {@code stored}. */
    private JsonObject exportTinySearch(Path stored) throws Exception {
        SearchSettings.Builder b = Presets.get("cifar-params-1M").toBuilder();
        b.proxy = "test-hash";
        b.iterations = 60;
        b.population = 12;
        b.mode = SearchMode.OFFICIAL;
        b.seed = 3;
        b.snapshotEvery = 20;
        b.curveEvery = 20;
        Path run = tmp.resolve("run");
        SearchRun.create(run, b.build()).run(1, null);
        Path to = StoredResults.searchDir(stored, "cifar-params-1M");
        List<Path> written = StoredResults.exportSearch(run, to, new SearchReport.Rescore("test-hash", 64, 1, 3));
        assertThat(written).containsExactly(to.resolve("summary.json"), to.resolve("curve.csv"));
        return JsonParser.parseString(Files.readString(to.resolve("summary.json"))).getAsJsonObject();
    }

    @Test
    void aStoredSearchCommandNamesTheProxyBatchesOnlyWhereTheRunLeftItsPreset() {
        SearchSettings preset = Presets.get("imagenet-latency-0.5ms");
        assertThat(StoredResults.proxyBatchOptions(preset)).isEmpty();
        SearchSettings.Builder b = preset.toBuilder();
        b.proxyBatch = 16;
        b.fast = preset.fast().withScreenBatch(4);
        assertThat(StoredResults.proxyBatchOptions(b.build())).isEqualTo(" --batch 16 --screen-batch 4");
        assertThat(Reproduction.searchCommand("imagenet-latency-0.5ms")).contains(" --batch 16 --screen-batch 4 ");
        assertThat(Reproduction.searchCommand("imagenet-flops-400M")).doesNotContain("--batch");
        // the latency presets re-score at the batch they search at; the others at the official 64
        assertThat(Reproduction.searchCommand("imagenet-latency-0.5ms"))
                .endsWith("zen search export runs/budget/imagenet-latency-0.5ms --rescore-batch 16");
        assertThat(Reproduction.searchCommand("imagenet-flops-400M")).doesNotContain("--rescore-batch");
    }

    @Test
    void exportedSearchHoldsBestAndReleasedUnderBothRulesAndTheReportReadsIt() throws Exception {
        Path stored = tmp.resolve("results");
        JsonObject s = exportTinySearch(stored);
        assertThat(s.get("preset").getAsString()).isEqualTo("cifar-params-1M");
        assertThat(s.get("status").getAsString()).isEqualTo("finished");
        assertThat(s.get("iterations_done").getAsLong()).isEqualTo(60);
        assertThat(s.getAsJsonObject("rescore").get("repeats").getAsInt()).isEqualTo(1);
        assertThat(s.getAsJsonObject("rescore").get("batch").getAsInt()).isEqualTo(64);
        assertThat(s.get("command").getAsString()).doesNotContain("--rescore-batch");
        assertThat(s.getAsJsonObject("settings").get("preset").getAsString()).isEqualTo("cifar-params-1M");
        assertThat(s.getAsJsonObject("ledger").getAsJsonObject("machine").get("cores").getAsInt()).isPositive();
        JsonObject best = s.getAsJsonObject("best");
        // counted at the search's resolution and classes (the official CIFAR scripts budget with a 100-class head)
        int classes = Presets.get("cifar-params-1M").constraints().numClasses();
        Counts c = Counts.of(Structure.parse(best.get("structure").getAsString()), 32, classes, false);
        assertThat(best.get("params_code").getAsLong()).isEqualTo(c.paramsCode());
        assertThat(best.get("params").getAsLong()).isEqualTo(c.params());
        assertThat(best.get("flops_code").getAsDouble()).isEqualTo(c.flopsCode(), org.assertj.core.api.Assertions.within(1.0));
        assertThat(best.get("within_budget").getAsString()).isEqualTo("yes");
        JsonObject released = s.getAsJsonObject("released");
        assertThat(released.get("name").getAsString()).isEqualTo("zennet_cifar10_model_size1M_res32");
        assertThat(released.get("params").getAsLong()).isEqualTo(Counts.of(dev.zennas.arch.ReleasedNets.get(
                "zennet_cifar10_model_size1M_res32").structure(), 32, classes, false).params());
        assertThat(Files.readAllLines(StoredResults.searchDir(stored, "cifar-params-1M").resolve("curve.csv"))).hasSize(1 + 3);

        Reproduction r = reproduction(stored);
        Table t = r.searches();
        Table mine = t.where(t.stringColumn("preset").isEqualTo("cifar-params-1M"));
        assertThat(mine.stringColumn("net").asList()).containsExactly("search best", "zennet_cifar10_model_size1M_res32");
        assertThat(mine.stringColumn("iterations").get(0)).isEqualTo("60 of 60 (official)");
        Finding fig7 = find(r.findings(), "fig7/search");
        assertThat(fig7.ours()).isEqualTo(Finding.number(best.get("rescored").getAsDouble()));
        assertThat(fig7.command()).contains("zen search export");
        assertThat(StoredResults.readCurve(StoredResults.searchDir(stored, "cifar-params-1M"))).hasSize(3);
        assertThat(r.plotTablesForTest().get("search-curves").rowCount()).isEqualTo(3);
        assertThat(mine.intColumn("zen_batch").asList()).containsExactly(64, 64);
        // the released row has no search hours: an empty cell in the report, never the word "null"
        String md = ReproductionReport.markdown(new Reproduction.Result(r.findings(), t, java.util.Map.of(), 0),
                java.util.Map.of(), "zen reproduce --quick");
        assertThat(md).contains("| zen_batch |").doesNotContain("| null |");
    }

    @Test
    void checkFailsWhenAStoredValueMarkedReproducedDriftsOutsideItsTolerance() throws Exception {
        Path stored = tmp.resolve("results");
        JsonObject s = exportTinySearch(stored);
        Path summary = StoredResults.searchDir(stored, "cifar-params-1M").resolve("summary.json");
        // the stored best as a search that reached the paper's curve end
        s.getAsJsonObject("best").addProperty("rescored", 121.5);
        Files.writeString(summary, Json.print(s), StandardCharsets.UTF_8);
        Reproduction good = reproduction(stored);
        good.searches();
        assertThat(find(good.findings(), "fig7/search").outcome()).isEqualTo(Outcome.REPRODUCED);
        Path baseline = tmp.resolve("findings.csv");
        ReproductionReport.table(good.findings()).write().csv(baseline.toString());
        assertThat(ReproductionReport.check(good.findings(), baseline)).isEmpty();

        s.getAsJsonObject("best").addProperty("rescored", 90.0);
        Files.writeString(summary, Json.print(s), StandardCharsets.UTF_8);
        Reproduction off = reproduction(stored);
        off.searches();
        List<String> drifted = ReproductionReport.check(off.findings(), baseline);
        assertThat(drifted).hasSize(1);
        assertThat(drifted.get(0)).contains("Fig. 7").contains("ours 90").contains("was 121.5").contains("differs");

        // a stored result that went missing is reported as missing, not as drift; nor is a number only --full computes
        Files.delete(summary);
        Reproduction gone = reproduction(stored);
        gone.searches();
        assertThat(find(gone.findings(), "fig7/search").outcome()).isEqualTo(Outcome.MISSING);
        assertThat(ReproductionReport.check(gone.findings(), baseline)).isEmpty();
        List<Finding> skipped = new ArrayList<>();
        skipped.add(Finding.skipped("fig7/search", Reproduction.SEARCH, "x", "120", "", ""));
        assertThat(ReproductionReport.check(skipped, baseline)).isEmpty();
    }

    @Test
    void exportedStudyGivesTheFig15Verdict() throws Exception {
        List<ZenAccuracyStudy.Row> rows = new ArrayList<>();
        double[] zen = {10, 20, 30, 40, 50, 60};
        double[] top1 = {80, 82, 81, 85, 86, 88};
        for (int i = 0; i < zen.length; i++) {
            rows.add(new ZenAccuracyStudy.Row(i, "s" + i, zen[i], zen[i], 1000 + i, 2000 + i, top1[i], 1));
        }
        Path studyDir = tmp.resolve("study");
        Files.createDirectories(studyDir);
        Files.writeString(studyDir.resolve("study.json"),
                Json.print(ZenAccuracyStudy.toJson(ZenAccuracyStudy.correlations(rows, 0, 5))));
        Path stored = tmp.resolve("results");
        List<Path> written = StoredResults.exportTraining(studyDir, StoredResults.trainingDir(stored));
        assertThat(written).hasSize(1); // no networks.json: nothing else to copy
        Path out = written.get(0);
        assertThat(out.getFileName().toString()).isEqualTo("zen-vs-accuracy.json");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(o.get("kind").getAsString()).isEqualTo("zen-vs-accuracy");
        assertThat(o.getAsJsonObject("study").get("networks").getAsInt()).isEqualTo(6);
        Reproduction r = reproduction(stored);
        r.training();
        Finding tau = find(r.findings(), "fig15/cifar10");
        // τ = 13/15 = 0.867 with a wide interval over 6 nets: the paper's 0.91 lies inside it
        assertThat(tau.ours()).startsWith("0.8667 [");
        assertThat(tau.outcome()).isEqualTo(Outcome.REPRODUCED);
        assertThat(tau.command()).contains("zen train export");
    }
}
