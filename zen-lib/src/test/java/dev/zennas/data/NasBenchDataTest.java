package dev.zennas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.nasbench.BenchmarkDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class NasBenchDataTest {

    @Test
    void findsTheSharedDataFolder() {
        Path p = DataPaths.find(NasBenchData.NB201);
        assertThat(p).exists().isAbsolute();
    }

    @Test
    void missingFileNamesTheFileAndThePlacesSearched() {
        assertThatThrownBy(() -> DataPaths.find("nasbench/no_such_file.csv"))
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageContaining("nasbench/no_such_file.csv")
                .hasMessageContaining("ZEN_DATA")
                .satisfies(e -> assertThat(((DataNotFoundException) e).searched()).isNotEmpty());
    }

    @Test
    void nb201HasAllArchitecturesInIndexOrder() {
        List<Nb201Row> rows = NasBenchData.nb201();
        assertThat(rows).hasSize(15_625);
        Nb201Row r0 = rows.get(0);
        assertThat(r0.archStr()).isEqualTo(
                "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|");
        assertThat(r0.paramsOf(BenchmarkDataset.CIFAR10)).isEqualTo(129_306);
        assertThat(r0.testAcc().cifar10()).isEqualTo(85.8633);
        assertThat(r0.zenNaslib().get(BenchmarkDataset.CIFAR100)).isEqualTo(183.087311);
        assertThat(rows.stream().filter(r -> !r.cellConnected()).count()).isEqualTo(341);
        assertThat(rows.stream().filter(r -> !r.cellConnected()).allMatch(r -> r.zenNaslib().cifar10() == -1e8))
                .isTrue();
    }

    @Test
    void natsSssAndSmallFilesLoad() {
        assertThat(NasBenchData.natsSss()).hasSize(32_768);
        assertThat(NasBenchData.natsSss().get(0).archStr()).isEqualTo("8:8:8:8:8");
        assertThat(NasBenchData.naslibZcSubset()).hasSize(2_174);
        assertThat(NasBenchData.naslibZcSubset(BenchmarkDataset.IMAGENET16)).hasSize(724);
        NaslibZcRow disconnected = NasBenchData.naslibZcByIndex(BenchmarkDataset.CIFAR10).get(8274);
        assertThat(disconnected.score("nwot")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NasBenchData.naslibZcByIndex(BenchmarkDataset.CIFAR10).get(15205).score("synflow")).isNaN();
        assertThat(NasBenchData.zenNumpyReference()).hasSize(49);
        assertThat(NasBenchData.zenNumpyReference().stream().filter(r -> r.zen() == Double.NEGATIVE_INFINITY))
                .hasSize(1);
        assertThat(NasBenchData.computedAnchors()).hasSize(81);
    }

    @Test
    void tablesHaveOneRowPerArchitecture() {
        Table nb = NasBenchData.nb201Table();
        assertThat(nb.rowCount()).isEqualTo(15_625);
        assertThat(nb.columnNames()).contains("arch_str", "cifar10_test_acc", "imagenet16_params");
        Table sss = NasBenchData.natsSssTable();
        assertThat(sss.rowCount()).isEqualTo(32_768);
        assertThat(sss.intColumn("c4").get(1)).isEqualTo(16);
        assertThat(NasBenchData.naslibZcSubsetTable().rowCount()).isEqualTo(2_174);
    }

    @Test
    void malformedFilesNameFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path missingColumn = dir.resolve("nb201.csv");
        Files.writeString(missingColumn, "arch_index,arch_str\n0,x\n");
        assertThatThrownBy(() -> NasBenchData.readNb201(missingColumn, false))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(missingColumn.toString())
                .hasMessageContaining("cell_connected");

        Path badNumber = dir.resolve("anchors.csv");
        Files.writeString(badNumber, "benchmark,dataset,proxy,target,n_archs,spearman,kendall_tau_b,note\n"
                + "NB201,cifar10,params,t,15625,zero-point-seven,0.5,all\n");
        assertThatThrownBy(() -> NasBenchData.readAnchors(badNumber))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("spearman");

        Path shortRow = dir.resolve("short.csv");
        Files.writeString(shortRow, "benchmark,dataset,proxy,target,n_archs,spearman,kendall_tau_b,note\nNB201,c\n");
        assertThatThrownBy(() -> NasBenchData.readAnchors(shortRow))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("fields");
    }

    @Test
    void incompleteNb201IsRejectedWhenCompletenessIsRequired(@TempDir Path dir) throws IOException {
        Path full = DataPaths.find(NasBenchData.NB201);
        List<String> lines = Files.readAllLines(full).subList(0, 11);
        Path cut = dir.resolve("nb201.csv");
        Files.write(cut, lines);
        assertThat(NasBenchData.readNb201(cut, false)).hasSize(10);
        assertThatThrownBy(() -> NasBenchData.readNb201(cut, true))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("15625");
    }
}
