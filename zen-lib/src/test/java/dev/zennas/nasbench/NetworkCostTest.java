package dev.zennas.nasbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zennas.data.NasBenchData;
import dev.zennas.data.Nb201Row;
import dev.zennas.data.NatsSssRow;
import org.junit.jupiter.api.Test;

/** The analytic cost model equals the benchmark's stored #params and FLOPs for every architecture. */
class NetworkCostTest {

    @Test
    void workedExamplesOfTheSpec() {
        Nb201Cell idx0 = Nb201Cell.parse(NasBenchData.nb201().get(0).archStr());
        assertThat(NetworkCost.nb201(idx0, BenchmarkDataset.CIFAR10).params()).isEqualTo(129_306);
        assertThat(NetworkCost.nb201(idx0, BenchmarkDataset.CIFAR10).flopsM()).isCloseTo(15.64737, within(1e-9));
        assertThat(NetworkCost.nb201(idx0, BenchmarkDataset.CIFAR100).params()).isEqualTo(135_156);
        assertThat(NetworkCost.nb201(idx0, BenchmarkDataset.IMAGENET16).params()).isEqualTo(136_456);
        assertThat(NetworkCost.nb201(idx0, BenchmarkDataset.IMAGENET16).flopsM()).isCloseTo(3.91948, within(1e-9));
        Nb201Cell best = Nb201Cell.parse(NasBenchData.nb201().get(9930).archStr());
        assertThat(NetworkCost.nb201(best, BenchmarkDataset.CIFAR10).params()).isEqualTo(1_288_506);
        assertThat(NetworkCost.natsSss(NatsSssArch.parse("8:8:8:8:8"), BenchmarkDataset.CIFAR10).params())
                .isEqualTo(11_714);
        assertThat(NetworkCost.natsSss(NatsSssArch.parse("8:8:8:8:8"), BenchmarkDataset.CIFAR10).flopsM())
                .isCloseTo(4.481114, within(1e-9));
        assertThat(NetworkCost.natsSss(NatsSssArch.parse("8:8:40:32:40"), BenchmarkDataset.CIFAR10).params())
                .isEqualTo(144_834);
        assertThat(NetworkCost.natsSss(NatsSssArch.parse("64:64:64:64:64"), BenchmarkDataset.CIFAR10).params())
                .isEqualTo(713_674);
    }

    @Test
    void batchNormLayerCount() {
        // stem + 2·2 ResBlock BNs + head = 6 fixed; + 15 per conv edge (index 9930 has 5 conv edges + a skip).
        Nb201Cell best = Nb201Cell.parse(NasBenchData.nb201().get(9930).archStr());
        assertThat(NetworkCost.nb201(best, BenchmarkDataset.CIFAR10).batchNormLayers()).isEqualTo(6 + 15 * 5);
        // ... and the NumPy reference counts agree for all 49 of its archs.
        for (var ref : NasBenchData.zenNumpyReference()) {
            assertThat(NetworkCost.nb201(Nb201Cell.parse(ref.archStr()), BenchmarkDataset.CIFAR10).batchNormLayers())
                    .as(ref.archStr()).isEqualTo(ref.batchNormLayers());
        }
        // SSS: stem, 5 conv edges per cell ×3, 2 per ResBlock ×2, head, +1 per projection skip.
        assertThat(NetworkCost.natsSss(NatsSssArch.parse("8:8:8:8:8"), BenchmarkDataset.CIFAR10).batchNormLayers())
                .isEqualTo(1 + 15 + 4 + 1);
        assertThat(NetworkCost.natsSss(NatsSssArch.parse("8:16:24:32:40"), BenchmarkDataset.CIFAR10).batchNormLayers())
                .isEqualTo(1 + 15 + 4 + 1 + 2);
    }

    @Test
    void everyNb201ArchitectureMatchesTheBenchmark() {
        for (Nb201Row row : NasBenchData.nb201()) {
            Nb201Cell cell = row.cell();
            for (BenchmarkDataset ds : BenchmarkDataset.values()) {
                NetworkCost cost = NetworkCost.nb201(cell, ds);
                assertThat(cost.params()).as("params %d %s", row.archIndex(), ds).isEqualTo(row.paramsOf(ds));
                assertThat(cost.flopsM()).as("flops %d %s", row.archIndex(), ds)
                        .isCloseTo(row.flopsM().get(ds), within(1e-6));
            }
        }
    }

    @Test
    void everyNatsSssArchitectureMatchesTheBenchmark() {
        for (NatsSssRow row : NasBenchData.natsSss()) {
            NatsSssArch arch = row.arch();
            for (BenchmarkDataset ds : BenchmarkDataset.values()) {
                NetworkCost cost = NetworkCost.natsSss(arch, ds);
                assertThat(cost.params()).as("params %s %s", row.archStr(), ds).isEqualTo(row.paramsOf(ds));
                assertThat(cost.flopsM()).as("flops %s %s", row.archStr(), ds)
                        .isCloseTo(row.flopsM().get(ds), within(1e-6));
            }
        }
    }
}
