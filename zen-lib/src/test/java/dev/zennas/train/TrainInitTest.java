package dev.zennas.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zennas.arch.Structure;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.Conv;
import dev.zennas.blocks.DirectForward;
import dev.zennas.blocks.Residual;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainInitTest {

    @Test
    void officialInitDrawsXavierNormalWithTheGainAndZerosTheLastBnOfEveryBranch() {
        String s = "SuperConvK3BNRELU(3,32,1,1)SuperResK3K3(32,64,2,32,2)SuperResK1K3K1(64,128,2,32,1)SuperConvK1BNRELU(128,256,1,1)";
        try (Trainer t = Trainer.create(Structure.parse(s), TrainRecipe.basic(), 32, 10, false, 3)) {
            List<Residual> units = new ArrayList<>();
            collect(t.network().block(), units);
            assertThat(units).hasSize(2 + 2); // K3K3: one unit per sub-layer; K1K3K1: two units per sub-layer
            for (Residual r : units) {
                List<BatchNorm2d> inner = DirectForward.batchNorms(r.inner());
                float[] last = inner.get(inner.size() - 1).gamma().getArray().toFloatArray();
                for (float v : last) assertThat(v).isZero();
                float[] first = inner.get(0).gamma().getArray().toFloatArray();
                for (float v : first) assertThat(v).isEqualTo(1f);
                if (r.shortcut() != null) {
                    for (BatchNorm2d bn : DirectForward.batchNorms(r.shortcut())) {
                        for (float v : bn.gamma().getArray().toFloatArray()) assertThat(v).isEqualTo(1f);
                    }
                }
            }
            // the first unit's second conv: 3x3, 32 -> 64 (fan_in 288, fan_out 576)
            Conv conv = firstConv(units.get(0).inner(), 32, 64);
            float[] w = conv.weight().getArray().toFloatArray();
            double sd = Math.sqrt(sumSq(w) / w.length);
            double expected = 3.26033 * Math.sqrt(2.0 / (32 * 9 + 64 * 9));
            assertThat(sd).isCloseTo(expected, within(expected * 0.03)); // 18,432 draws: ~0.5 % sampling error
        }
    }

    @Test
    void sameSeedSameWeights() {
        String s = "SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,2,8,1)SuperConvK1BNRELU(16,32,1,1)";
        try (Trainer a = Trainer.create(Structure.parse(s), TrainRecipe.quick(), 32, 10, false, 11);
             Trainer b = Trainer.create(Structure.parse(s), TrainRecipe.quick(), 32, 10, false, 11);
             Trainer c = Trainer.create(Structure.parse(s), TrainRecipe.quick(), 32, 10, false, 12)) {
            assertThat(a.parameterArrays().get(0).toFloatArray()).isEqualTo(b.parameterArrays().get(0).toFloatArray());
            assertThat(a.parameterArrays().get(0).toFloatArray()).isNotEqualTo(c.parameterArrays().get(0).toFloatArray());
        }
    }

    private static double sumSq(float[] w) {
        double s = 0;
        for (float v : w) s += (double) v * v;
        return s;
    }

    private static Conv firstConv(ai.djl.nn.Block b, int in, int out) {
        if (b instanceof Conv c && c.in() == in && c.out() == out) return c;
        for (var ch : b.getChildren()) {
            Conv c = firstConv(ch.getValue(), in, out);
            if (c != null) return c;
        }
        return null;
    }

    private static void collect(ai.djl.nn.Block b, List<Residual> out) {
        if (b instanceof Residual r) out.add(r);
        for (var ch : b.getChildren()) collect(ch.getValue(), out);
    }

    @Test
    void memoryEstimateOfTheReleased1MNetStaysJustAboveItsMeasuredPeak() {
        // measured peak resident memory of a whole training process at batch 64: 1.65 GiB
        var s = dev.zennas.arch.ReleasedNets.find("zennet_cifar10_model_size1M_res32").orElseThrow().structure();
        try (Trainer t = Trainer.create(s, TrainRecipe.basic(), 32, 10, false, 1)) {
            double gib = Trainer.estimateStepBytes(t.network(), 64) / 1073741824.0;
            assertThat(gib).isBetween(1.7, 2.5);
        }
    }
}
