package dev.zennas.nasbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.zennas.data.NasBenchData;
import dev.zennas.data.Nb201Row;
import dev.zennas.data.NatsSssRow;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tensor parameter counts of the DJL networks equal the benchmark's, and the ops behave like PyTorch's. */
class BenchmarkNetworksTest {

    private static long runningVarCount(BenchmarkNetworks.Network net) {
        return net.features().getParameters().values().stream()
                .filter(p -> p.getType() == Parameter.Type.RUNNING_VAR).count();
    }

    @Test
    void seededSampleOfNb201NetworksHasTheBenchmarksParameterCount() {
        List<Nb201Row> rows = NasBenchData.nb201();
        SplittableRandom rng = new SplittableRandom(2024);
        BenchmarkDataset[] datasets = BenchmarkDataset.values();
        for (int i = 0; i < 300; i++) {
            Nb201Row row = rows.get(rng.nextInt(rows.size()));
            BenchmarkDataset ds = datasets[rng.nextInt(3)];
            try (NDManager m = NDManager.newBaseManager()) {
                BenchmarkNetworks.Network net = BenchmarkNetworks.nb201(row.cell(), ds);
                BenchmarkNetworks.initialize(net, m, ds.resolution());
                assertThat(net.parameterCount()).as("%d %s", row.archIndex(), ds).isEqualTo(row.paramsOf(ds));
                assertThat(runningVarCount(net)).isEqualTo(NetworkCost.nb201(row.cell(), ds).batchNormLayers());
            }
        }
    }

    @Test
    void seededSampleOfNatsSssNetworksHasTheBenchmarksParameterCount() {
        List<NatsSssRow> rows = NasBenchData.natsSss();
        SplittableRandom rng = new SplittableRandom(7);
        BenchmarkDataset[] datasets = BenchmarkDataset.values();
        for (int i = 0; i < 200; i++) {
            NatsSssRow row = rows.get(rng.nextInt(rows.size()));
            BenchmarkDataset ds = datasets[rng.nextInt(3)];
            try (NDManager m = NDManager.newBaseManager()) {
                BenchmarkNetworks.Network net = BenchmarkNetworks.natsSss(row.arch(), ds);
                BenchmarkNetworks.initialize(net, m, ds.resolution());
                assertThat(net.parameterCount()).as("%s %s", row.archStr(), ds).isEqualTo(row.paramsOf(ds));
                assertThat(runningVarCount(net)).isEqualTo(NetworkCost.natsSss(row.arch(), ds).batchNormLayers());
            }
        }
    }

    @Test
    void forwardGivesPreGapFeaturesAndLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            Nb201Cell cell = NasBenchData.nb201().get(0).cell();
            BenchmarkNetworks.Network net = BenchmarkNetworks.nb201(cell, BenchmarkDataset.CIFAR100);
            BenchmarkNetworks.initialize(net, m, 32);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
            NDArray f = net.features().forward(ps, new NDList(x), true).singletonOrThrow();
            assertThat(f.getShape()).isEqualTo(new Shape(2, 64, 8, 8));
            assertThat(f.min().getFloat()).isGreaterThanOrEqualTo(0f); // after the head's ReLU
            NDArray logits = net.head().forward(ps, new NDList(f), true).singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 100));

            BenchmarkNetworks.Network sss = BenchmarkNetworks.natsSss(NatsSssArch.parse("8:16:24:32:40"),
                    BenchmarkDataset.IMAGENET16);
            BenchmarkNetworks.initialize(sss, m, 16);
            NDArray g = sss.features().forward(ps, new NDList(m.randomNormal(new Shape(2, 3, 16, 16))), true)
                    .singletonOrThrow();
            assertThat(g.getShape()).isEqualTo(new Shape(2, 40, 4, 4));
        }
    }

    @Test
    void disconnectedCellMakesTheNetworkAConstantFunction() {
        try (NDManager m = NDManager.newBaseManager()) {
            Nb201Cell cell = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|");
            assertThat(cell.isConnected()).isFalse();
            BenchmarkNetworks.Network net = BenchmarkNetworks.nb201(cell, BenchmarkDataset.CIFAR10);
            BenchmarkNetworks.initialize(net, m, 32);
            NDArray x = m.randomNormal(new Shape(3, 3, 32, 32));
            NDArray f = net.features().forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            // Every cell outputs zeros; the ResBlock shortcut of zeros is zero; the head BN of zeros is zero.
            assertThat(f.abs().max().getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void cellPoolExcludesPaddingFromTheAverage() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(9f).reshape(1, 1, 3, 3); // 0..8
            NDArray y = AvgPool.cellPool().forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow();
            float[] v = y.toFloatArray();
            assertThat(v[0]).isCloseTo((0 + 1 + 3 + 4) / 4f, within(1e-6f)); // corner: 4 real pixels
            assertThat(v[1]).isCloseTo((0 + 1 + 2 + 3 + 4 + 5) / 6f, within(1e-6f)); // edge: 6
            assertThat(v[4]).isCloseTo(4f, within(1e-6f)); // centre: all 9
        }
    }

    @Test
    void cellSumsItsEdgesLikeTheBenchmark() {
        // skip on every edge: n1 = x, n2 = x + n1 = 2x, n3 = x + n1 + n2 = 4x.
        try (NDManager m = NDManager.newBaseManager()) {
            Nb201Cell skips = Nb201Cell.parse(
                    "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|");
            Nb201CellBlock block = new Nb201CellBlock(skips, 4, 4, BenchmarkNetworks::edge);
            block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4, 5, 5));
            NDArray x = m.randomNormal(new Shape(1, 4, 5, 5));
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertThat(y.sub(x.mul(4)).abs().max().getFloat()).isLessThan(1e-5f);
            // none everywhere except 0→1 skip: n3 = 0 (node 1 is not read by a non-none edge).
            Nb201Cell dead = Nb201Cell.parse("|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|");
            Nb201CellBlock deadBlock = new Nb201CellBlock(dead, 4, 4, BenchmarkNetworks::edge);
            deadBlock.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4, 5, 5));
            NDArray z = deadBlock.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertThat(z.getShape()).isEqualTo(x.getShape());
            assertThat(z.abs().max().getFloat()).isEqualTo(0f);
        }
    }
}
