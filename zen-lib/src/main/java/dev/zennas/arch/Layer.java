package dev.zennas.arch;

import java.util.List;

/**
 * One leaf of the expanded network (conventions §3.3): the level at which parameters, FLOPs and DJL blocks are defined.
 * {@link Expansion} turns super blocks into these; network builders and counters walk them.
 */
public sealed interface Layer {

    /** A convolution without bias, padding (k−1)/2. {@code groups == in == out} is depthwise. */
    record Conv(int in, int out, int kernel, int stride, int groups) implements Layer {
        public Conv {
            if (in <= 0 || out <= 0 || kernel <= 0 || groups <= 0 || in % groups != 0 || out % groups != 0) {
                throw new IllegalArgumentException("invalid conv " + in + "->" + out + " k" + kernel + " g" + groups);
            }
        }

        public boolean depthwise() {
            return groups > 1 && groups == in && groups == out;
        }
    }

    /** BatchNorm2d over {@code channels} (γ, β, running mean and variance). */
    record BatchNorm(int channels) implements Layer {}

    /** ReLU (the library's functional ReLU: what NASWOT hooks). */
    record Relu() implements Layer {}

    /** Squeeze-and-excitation of {@code channels} with width {@link Rounding#seWidth(int)} (conventions §3.2). */
    record SqueezeExcite(int channels) implements Layer {
        public int width() {
            return Rounding.seWidth(channels);
        }
    }

    /**
     * {@code y = inner(x) + shortcut(x)}; a {@code null} shortcut is the identity. Only present in the residual
     * (deployed) expansion.
     */
    record Residual(List<Layer> inner, Projection shortcut) implements Layer {
        public Residual {
            inner = List.copyOf(inner);
        }
    }

    /** The projection shortcut: 1×1 conv <b>with bias</b>, stride, padding 0, then BatchNorm (conventions T8). */
    record Projection(int in, int out, int stride) implements Layer {}
}
