package dev.zennas.nasbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zennas.data.NasBenchData;
import dev.zennas.data.Nb201Row;
import dev.zennas.data.NatsSssRow;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpaceEncodingTest {

    @Test
    void everyNb201StringRoundTripsAndMatchesNaslibOpsConnectivityAndCounts() throws Exception {
        List<Nb201Row> rows = NasBenchData.nb201();
        // naslib_ops and op counts are not in the record; read them from the raw file columns.
        List<String> lines = Files.readAllLines(dev.zennas.data.DataPaths.find(NasBenchData.NB201));
        for (Nb201Row row : rows) {
            Nb201Cell cell = Nb201Cell.parse(row.archStr());
            assertThat(cell.toString()).isEqualTo(row.archStr());
            String[] f = lines.get(row.archIndex() + 1).split(",");
            assertThat(cell.naslibOps()).isEqualTo(f[2]);
            assertThat(Nb201Cell.fromNaslibOps(f[2])).isEqualTo(cell);
            assertThat(new int[] {cell.count(Nb201Op.NONE), cell.count(Nb201Op.SKIP_CONNECT),
                    cell.count(Nb201Op.NOR_CONV_1X1), cell.count(Nb201Op.NOR_CONV_3X3),
                    cell.count(Nb201Op.AVG_POOL_3X3)})
                    .containsExactly(Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                            Integer.parseInt(f[6]), Integer.parseInt(f[7]));
            assertThat(cell.isConnected()).as(row.archStr()).isEqualTo(row.cellConnected());
        }
        assertThat(rows.stream().map(Nb201Row::archStr).distinct().count()).isEqualTo(15_625);
    }

    @Test
    void naslibEncodingOfIndexZero() {
        Nb201Cell c = Nb201Cell.parse(
                "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|");
        assertThat(c.naslibOps()).isEqualTo("4-3-3-0-0-0");
        assertThat(c.op(0, 1)).isEqualTo(Nb201Op.AVG_POOL_3X3);
        assertThat(c.op(1, 2)).isEqualTo(Nb201Op.SKIP_CONNECT);
        assertThat(c.op(0, 3)).isEqualTo(Nb201Op.NOR_CONV_1X1);
    }

    @Test
    void malformedNb201StringsAreRejectedWithTheOffendingPart() {
        assertThatThrownBy(() -> Nb201Cell.parse("|none~0|+|none~0|none~1|"))
                .hasMessageContaining("3 '+'-separated");
        assertThatThrownBy(() -> Nb201Cell.parse("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"))
                .hasMessageContaining("conv");
        assertThatThrownBy(() -> Nb201Cell.parse("|none~0|+|none~1|none~0|+|none~0|none~1|none~2|"))
                .hasMessageContaining("none~1");
    }

    @Test
    void natsSssIndexOrderIsLexicographicAndRoundTrips() {
        List<NatsSssRow> rows = NasBenchData.natsSss();
        for (NatsSssRow row : rows) {
            NatsSssArch a = NatsSssArch.parse(row.archStr());
            assertThat(a.index()).isEqualTo(row.archIndex());
            assertThat(NatsSssArch.ofIndex(row.archIndex())).isEqualTo(a);
            assertThat(a.toString()).isEqualTo(row.archStr());
        }
        assertThatThrownBy(() -> NatsSssArch.parse("8:8:8:8:12")).hasMessageContaining("{8,16,...,64}");
        assertThatThrownBy(() -> NatsSssArch.parse("8:8:8:8")).hasMessageContaining("5");
    }

    @Test
    void datasetNamesParse() {
        assertThat(BenchmarkDataset.parse("ImageNet16-120")).isEqualTo(BenchmarkDataset.IMAGENET16);
        assertThat(BenchmarkDataset.parse("cifar10-valid")).isEqualTo(BenchmarkDataset.CIFAR10);
        assertThat(BenchmarkDataset.parse("CIFAR100")).isEqualTo(BenchmarkDataset.CIFAR100);
        assertThatThrownBy(() -> BenchmarkDataset.parse("mnist")).hasMessageContaining("cifar10, cifar100, imagenet16");
    }
}
