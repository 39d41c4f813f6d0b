package dev.zennas.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.zennas.arch.Structure;
import dev.zennas.net.ZenNetBuilder;
import dev.zennas.net.ZenNetwork;
import org.junit.jupiter.api.Test;

/** The raw eager-freeing forward equals the Block API forward, outputs and running statistics alike. */
class FastForwardTest {

    @Test
    void fastChainEqualsBlockForwardInTrainMode() {
        Structure s = Structure.parse(ZenScoreTest.INIT_CIFAR);
        try (NDManager m = NDManager.newBaseManager()) {
            JniUtils.setGradMode(false);
            ZenNetwork a = ZenNetBuilder.proxyNetwork(s, 32, 10);
            ZenNetwork b = ZenNetBuilder.proxyNetwork(s, 32, 10);
            Shape one = new Shape(1, 3, 32, 32);
            NetInit.prepare(a.features(), m, DataType.FLOAT32, one);
            NetInit.prepare(b.features(), m, DataType.FLOAT32, one);
            NetInit.fill(a.features(), Seeds.forRepeat(3, 0), NetInit.Scheme.GAUSSIAN, true);
            NetInit.fill(b.features(), Seeds.forRepeat(3, 0), NetInit.Scheme.GAUSSIAN, true);
            NDArray x = NetInit.create(m, new Shape(4, 3, 32, 32), DataType.FLOAT32, Seeds.forRepeat(9, 0)::nextGaussian);
            ParameterStore ps = new ParameterStore(m, false);
            FastForward fast = new FastForward(a.features());
            assertThat(fast.isFast()).isTrue();
            NDArray y1 = fast.forward(ps, x, true);
            NDArray y2 = b.features().forward(ps, new NDList(x), true).singletonOrThrow();
            assertThat(y1.toFloatArray()).containsExactly(y2.toFloatArray());
            assertThat(BnLayers.of(a.features()).runningVars()).containsExactly(BnLayers.of(b.features()).runningVars());
            assertThat(x.isReleased()).isFalse(); // the caller's input is never closed
        }
    }
}
