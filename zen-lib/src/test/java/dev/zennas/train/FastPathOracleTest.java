package dev.zennas.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.zennas.arch.Structure;
import dev.zennas.bench.TrainBenchmark;
import dev.zennas.train.data.Batch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast training path (raw arrays, eager frees, channels-last) must give the Block API's loss and gradients on the
 * same weights and batch: the Block API is the oracle.
 */
class FastPathOracleTest {

    static final String NET = "SuperConvK3BNRELU(3,16,1,1)SuperResK3K3(16,24,2,16,1)SuperResK1K3K1(24,48,2,16,2)"
            + "SuperResK3K3(48,48,1,24,1)SuperConvK1BNRELU(48,96,1,1)";

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void lossAndGradientsEqualTheBlockApis(boolean channelsLast) {
        // non-zero γ everywhere, so every branch's gradient is exercised
        TrainRecipe recipe = TrainRecipe.basic().withBatchSize(8).withChannelsLast(channelsLast).withInit(true, false);
        Batch batch = TrainBenchmark.randomBatches(8, 10, 32, channelsLast, 1).get(0);
        try (Trainer t = Trainer.create(Structure.parse(NET), recipe, 32, 10, false, 7);
             NDManager keep = Engine.getEngine("PyTorch").newBaseManager()) {
            List<NDArray> start = copies(t.parameterArrays(), keep);
            double fast = t.fastLossAndGradients(batch);
            List<float[]> fastGrads = t.gradients();
            List<float[]> statsAfterFast = floats(t.parameterArrays());
            t.zeroGradients();
            t.load(start, null); // same weights and BN statistics again
            double block = t.blockApiLossAndGradients(batch);
            List<float[]> blockGrads = t.gradients();
            assertThat(fast).isCloseTo(block, org.assertj.core.api.Assertions.within(1e-5 * Math.abs(block)));
            assertThat(fastGrads).hasSameSizeAs(blockGrads);
            for (int i = 0; i < fastGrads.size(); i++) {
                assertClose(fastGrads.get(i), blockGrads.get(i), "gradient " + i);
            }
            List<float[]> statsAfterBlock = floats(t.parameterArrays());
            for (int i = 0; i < statsAfterFast.size(); i++) {
                assertClose(statsAfterFast.get(i), statsAfterBlock.get(i), "parameter/statistic " + i);
            }
        }
    }

    static void assertClose(float[] a, float[] b, String what) {
        assertThat(a.length).as(what).isEqualTo(b.length);
        double scale = 0;
        for (float v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < a.length; j++) {
            assertThat((double) Math.abs(a[j] - b[j])).as(what + "[" + j + "]").isLessThanOrEqualTo(1e-4 * scale + 1e-7);
        }
    }

    static List<NDArray> copies(List<NDArray> arrays, NDManager m) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray a : arrays) {
            NDArray c = m.create(a.toFloatArray(), a.getShape());
            out.add(c);
        }
        return out;
    }

    static List<float[]> floats(List<NDArray> arrays) {
        List<float[]> out = new ArrayList<>();
        for (NDArray a : arrays) {
            out.add(a.toFloatArray());
        }
        return out;
    }
}
