package dev.zennas.latency;

import dev.zennas.arch.Counts;
import dev.zennas.arch.Structure;
import dev.zennas.search.mutation.Mutation;
import dev.zennas.search.Presets;
import dev.zennas.search.mutation.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random ImageNet structures from a search space, made the way a search makes them: chains of the official
 * mutation from the space's initial structure, so their widths, depths and block types are those a search visits.
 */
public final class RandomStructures {
    /** Largest network drawn (code-rule FLOPs at 224), so that measuring a sample stays within minutes. */
    public static final double MAX_FLOPS = 6e9;
    /** Input resolution of a space's sample. */
    public static int resolution(String space) {
        return space.equalsIgnoreCase("CIFAR") ? 32 : 224;
    }

    /** Most layers drawn (the widest latency preset's limit). */
    public static final int MAX_LAYERS = 30;

    private RandomStructures() {}

    /**
     * A space by name with its initial structure: {@code XXBL} (ImageNet latency scripts, 224 px), {@code IDW} (ImageNet
     * FLOPs scripts, 224 px) or {@code CIFAR} (XXBL from the CIFAR scripts' start, 32 px).
     */
    public static List<Structure> sample(String space, int count, long seed) {
        SearchSpace sp;
        Structure start;
        int res = 224;
        if (space.equalsIgnoreCase("CIFAR")) {
            sp = SearchSpace.xxbl();
            start = Structure.parse(Presets.CIFAR_INITIAL);
            res = 32;
        } else if (space.equalsIgnoreCase("XXBL")) {
            sp = SearchSpace.xxbl(4096);
            start = Structure.parseUnchecked(Presets.IMAGENET_LATENCY_INITIAL).rechained();
        } else {
            sp = SearchSpace.idwFixFc();
            start = Structure.parse(Presets.IMAGENET_FLOPS_INITIAL);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Structure> out = new ArrayList<>();
        int attempts = 0;
        while (out.size() < count && attempts++ < 1000 * count) {
            Structure s = start;
            int steps = 1 + rng.nextInt(40);
            for (int i = 0; i < steps; i++) {
                Structure next = Mutation.mutate(s, 2, sp, rng);
                if (next.layers() <= MAX_LAYERS && Counts.of(next, res, 1000, false).flopsCode() <= MAX_FLOPS) s = next;
            }
            if (s != start && !out.contains(s)) out.add(s);
        }
        return out;
    }
}
