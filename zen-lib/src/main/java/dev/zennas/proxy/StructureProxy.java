package dev.zennas.proxy;

import dev.zennas.arch.Structure;
import dev.zennas.util.SplitMix;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A proxy that is a pure function of a Zen-NAS structure, its input resolution and classes, and the seed — no
 * tensors, no engine: the search's analytic fitnesses ({@code analytic-params}, {@code analytic-flops}) and the
 * stand-ins tests and dry runs use ({@code test-hash}, {@code test-hash-slow}, a caller's own). One value per target,
 * whatever the repeats: a function has nothing to average.
 *
 * @param name     registry name
 * @param function the score
 */
public record StructureProxy(String name, Function function) implements ZeroShotProxy {

    /** The score of a structure at a resolution with a number of classes, under a seed. */
    @FunctionalInterface
    public interface Function {
        double score(Structure structure, int resolution, int numClasses, long seed);
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public ProxyResult score(ProxyTarget target, ProxySettings settings) {
        if (!(target instanceof StructureTarget st)) {
            throw new ProxyException(name + " scores Zen-NAS structures only, got " + RepeatedProxy.shortId(target));
        }
        long start = System.nanoTime();
        double v = function.score(st.structure(), settings.resolutionFor(target), st.numClasses(), settings.seed());
        return ProxyResult.of(name, new double[] {v}, (System.nanoTime() - start) / 1e9, Map.of());
    }

    /** A well-mixed pseudo-random value in [0, 1) from a string and a seed ({@code test-hash}). */
    public static double hash(String text, long seed) {
        long h = Seeds.mix(seed ^ SplitMix.GAMMA);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = Seeds.mix(h ^ b);
        }
        return (h >>> 11) * 0x1.0p-53;
    }
}
