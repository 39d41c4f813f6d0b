package dev.zennas.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default initialisation of Conv2d/Linear: weight ~ kaiming_uniform(a=√5) = U(−1/√fan_in, 1/√fan_in),
 * and the bias uses the same bound. Draws from the engine's RNG; proxies that need determinism re-initialise
 * with their own Java RNG ({@code dev.zennas.proxy}).
 */
public final class FanInUniformInitializer implements Initializer {

    private final int fanIn;

    public FanInUniformInitializer(int fanIn) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan_in must be positive, got " + fanIn);
        }
        this.fanIn = fanIn;
    }

    /** The bound b of U(−b, b). */
    public double bound() {
        return 1.0 / Math.sqrt(fanIn);
    }

    public int fanIn() {
        return fanIn;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float b = (float) bound();
        return manager.randomUniform(-b, b, shape, dataType);
    }
}
