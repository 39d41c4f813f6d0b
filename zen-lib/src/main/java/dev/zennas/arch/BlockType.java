package dev.zennas.arch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One concrete super-block type: a family plus its kernel size and (for {@link BlockFamily#INVERTED}) expansion.
 * The registry of every legal name lives here, so the parser, the search spaces and the tests share one list.
 */
public record BlockType(BlockFamily family, int kernel, int expansion) {

    private static final int[] CONV_KERNELS = {1, 3, 5, 7};
    private static final int[] RES_KERNELS = {3, 5, 7};
    private static final int[] EXPANSIONS = {1, 2, 4, 6};
    private static final Map<String, BlockType> REGISTRY = buildRegistry();

    public BlockType {
        if (family == null) throw new IllegalArgumentException("block family must not be null");
        if (family == BlockFamily.INVERTED ? expansion <= 0 : expansion != 0) {
            throw new IllegalArgumentException("expansion " + expansion + " is not valid for " + family);
        }
    }

    /** A conv/basic/bottleneck type (no expansion). */
    public static BlockType of(BlockFamily family, int kernel) {
        return of(family, kernel, 0);
    }

    /** Any registered type; throws if the combination has no name in the grammar. */
    public static BlockType of(BlockFamily family, int kernel, int expansion) {
        BlockType t = new BlockType(family, kernel, expansion);
        if (!REGISTRY.containsKey(t.name())) {
            throw new IllegalArgumentException("no block type " + t.name() + " in the ZenNAS grammar");
        }
        return t;
    }

    /** The block name as it appears in a structure string, e.g. {@code SuperResK1K5K1}. */
    public String name() {
        return switch (family) {
            case CONV -> "SuperConvK" + kernel + "BNRELU";
            case BASIC -> "SuperResK" + kernel + "K" + kernel;
            case BOTTLENECK -> "SuperResK1K" + kernel + "K1";
            case INVERTED -> "SuperResIDWE" + expansion + "K" + kernel;
        };
    }

    /** Looks a name up in the registry. */
    public static Optional<BlockType> find(String name) {
        return Optional.ofNullable(REGISTRY.get(name));
    }

    /** Every legal block type, in a stable order (conv, basic, bottleneck, inverted). */
    public static List<BlockType> all() {
        return List.copyOf(REGISTRY.values());
    }

    /** A compact description of the grammar's names, for error messages. */
    public static String describeNames() {
        return "SuperConvK{1,3,5,7}BNRELU, SuperResK{3,5,7}K{3,5,7} (same kernel twice), SuperResK1K{3,5,7}K1, "
                + "SuperResIDWE{1,2,4,6}K{3,5,7}";
    }

    @Override
    public String toString() {
        return name();
    }

    private static Map<String, BlockType> buildRegistry() {
        List<BlockType> types = new ArrayList<>();
        for (int k : CONV_KERNELS) types.add(new BlockType(BlockFamily.CONV, k, 0));
        for (int k : RES_KERNELS) types.add(new BlockType(BlockFamily.BASIC, k, 0));
        for (int k : RES_KERNELS) types.add(new BlockType(BlockFamily.BOTTLENECK, k, 0));
        for (int k : RES_KERNELS) for (int e : EXPANSIONS) types.add(new BlockType(BlockFamily.INVERTED, k, e));
        Map<String, BlockType> map = new LinkedHashMap<>();
        for (BlockType t : types) map.put(t.name(), t);
        return Collections.unmodifiableMap(map);
    }
}
