package dev.zennas.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.DirectForward;
import dev.zennas.blocks.Residual;
import dev.zennas.proxy.NetInit;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Initialisation for training, drawn from a Java generator so that one seed gives one network whatever the thread
 * count.
 *
 * <p>The official one: every conv and linear weight ~ N(0, σ²) with σ = 3.26033 · √(2 / (fan_in + fan_out)) (Xavier
 * normal with that gain; a conv's fan_in = in/groups · k², fan_out = out · k²), biases 0, BN γ = 1 and β = 0,
 * running mean 0 and variance 1; then γ = 0 for the <em>last</em> BN inside every residual branch, so that each
 * residual unit starts as its shortcut. A projection shortcut's BN keeps γ = 1.
 */
public final class TrainInit {

    private TrainInit() {
    }

    /** Initialises {@code block} (its parameters must exist) as {@code recipe} asks. */
    public static void apply(Block block, TrainRecipe recipe, RandomGenerator rng) {
        if (recipe.officialInit()) {
            official(block, rng);
        } else {
            NetInit.fill(block, rng, NetInit.Scheme.PYTORCH_DEFAULT, true);
        }
        if (recipe.zeroLastBnGamma()) {
            zeroLastBnGamma(block);
        }
    }

    /** Xavier-normal weights with the official gain, zero biases, identity BN. */
    public static void official(Block block, RandomGenerator rng) {
        for (var p : block.getParameters()) {
            Parameter param = p.getValue();
            Shape s = param.getArray().getShape();
            switch (param.getType()) {
                case WEIGHT -> {
                    long receptive = 1;
                    for (int d = 2; d < s.dimension(); d++) {
                        receptive *= s.get(d);
                    }
                    double fanIn = s.get(1) * receptive;
                    double fanOut = s.get(0) * receptive;
                    double sigma = TrainRecipe.OFFICIAL_GAIN * Math.sqrt(2.0 / (fanIn + fanOut));
                    NetInit.write(param.getArray(), () -> sigma * rng.nextGaussian());
                }
                case BIAS, BETA, RUNNING_MEAN -> NetInit.write(param.getArray(), () -> 0.0);
                case GAMMA, RUNNING_VAR -> NetInit.write(param.getArray(), () -> 1.0);
                default -> { }
            }
        }
    }

    /** Sets γ = 0 on the last BN of every residual branch (not on projection shortcuts). */
    public static int zeroLastBnGamma(Block block) {
        int count = 0;
        if (block instanceof Residual r) {
            List<BatchNorm2d> bns = DirectForward.batchNorms(r.inner());
            if (!bns.isEmpty()) {
                NetInit.write(bns.get(bns.size() - 1).gamma().getArray(), () -> 0.0);
                count++;
            }
        }
        for (var child : block.getChildren()) {
            count += zeroLastBnGamma(child.getValue());
        }
        return count;
    }
}
