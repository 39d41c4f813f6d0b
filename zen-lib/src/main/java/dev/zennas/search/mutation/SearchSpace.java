package dev.zennas.search.mutation;

import dev.zennas.arch.BlockFamily;
import dev.zennas.arch.BlockType;
import dev.zennas.arch.SuperBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A mutation search space of the official code ({@code SearchSpace/*.py::gen_search_space}, conventions §4.2): for a block,
 * the list of lists of replacement candidates whose flattening is sampled uniformly.
 *
 * <p>For a residual block the types are visited group by group; within a group, after each type the <em>whole
 * running set</em> of candidates is appended as a new list, so type number j of a group of m types appears
 * m − j + 1 times in the flattened list (conventions T12: 3:2:1 for kernels 3/5/7 in XXBL, 12:11:…:1 over the IDW types).
 * {@code uniformTypeSampling} replaces this with one list per type (each type once) for experiments.
 *
 * <p>Sampling never materialises the list: {@link #flatSize} and {@link #flatCandidate} index the flattened list
 * arithmetically, and a test checks that they agree with {@link #candidateLists} entry by entry.
 *
 * @param name               the space's name ({@code XXBL}, {@code IDW_fixfc})
 * @param groups             block-type groups in the code's order
 * @param widthCap           upper clamp of mutated widths ({@link ChannelLists#NO_CAP} for none; conventions T21)
 * @param freezeFinalConv    whether a kernel-1 conv block keeps its width (the IDW_fixfc "fixed fc")
 * @param uniformTypeSampling one list per type instead of the cumulative lists (not official)
 */
public record SearchSpace(String name, List<List<BlockType>> groups, int widthCap, boolean freezeFinalConv,
                          boolean uniformTypeSampling) {

    public SearchSpace {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("search space needs a name");
        if (groups == null || groups.isEmpty()) throw new IllegalArgumentException("search space needs block-type groups");
        for (List<BlockType> g : groups) {
            if (g.isEmpty()) throw new IllegalArgumentException("empty block-type group in space " + name);
            for (BlockType t : g) {
                if (!t.family().residual()) {
                    throw new IllegalArgumentException("group types must be residual, got " + t.name());
                }
            }
        }
        if (widthCap < ChannelLists.MIN_WIDTH) {
            throw new IllegalArgumentException("width cap must be at least " + ChannelLists.MIN_WIDTH + ", got " + widthCap);
        }
        groups = groups.stream().map(List::copyOf).toList();
    }

    /** The official width cap of the XXBL space. */
    public static final int XXBL_WIDTH_CAP = 2048;

    /** ResNet-like "Search Space I" ({@code search_space_XXBL.py}): bottleneck and basic groups, widths ≤ 2048. */
    public static SearchSpace xxbl() {
        return xxbl(XXBL_WIDTH_CAP);
    }

    /** XXBL with another width cap (the released latency nets need more than 2048, conventions T21). */
    public static SearchSpace xxbl(int widthCap) {
        List<BlockType> bottleneck = new ArrayList<>();
        List<BlockType> basic = new ArrayList<>();
        for (int k : new int[] {3, 5, 7}) {
            bottleneck.add(BlockType.of(BlockFamily.BOTTLENECK, k));
            basic.add(BlockType.of(BlockFamily.BASIC, k));
        }
        return new SearchSpace("XXBL", List.of(bottleneck, basic), widthCap, false, false);
    }

    /**
     * MobileNet-like "Search Space II" ({@code search_space_IDW_fixfc.py}): one group of 12 inverted-residual types
     * E1K3, E2K3, E4K3, E6K3, E1K5, …, E6K7; no width cap; the final 1×1 conv is frozen.
     */
    public static SearchSpace idwFixFc() {
        List<BlockType> types = new ArrayList<>();
        for (int k : new int[] {3, 5, 7}) {
            for (int e : new int[] {1, 2, 4, 6}) types.add(BlockType.of(BlockFamily.INVERTED, k, e));
        }
        return new SearchSpace("IDW_fixfc", List.of(types), ChannelLists.NO_CAP, true, false);
    }

    /** Looks a space up by name (case-insensitive): {@code XXBL} or {@code IDW_fixfc}. */
    public static SearchSpace named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "xxbl" -> xxbl();
            case "idw_fixfc", "idw-fixfc", "idw" -> idwFixFc();
            default -> throw new IllegalArgumentException("unknown search space '" + name + "' (known: XXBL, IDW_fixfc)");
        };
    }

    public SearchSpace withWidthCap(int cap) {
        return new SearchSpace(name, groups, cap, freezeFinalConv, uniformTypeSampling);
    }

    public SearchSpace withUniformTypeSampling(boolean uniform) {
        return new SearchSpace(name, groups, widthCap, freezeFinalConv, uniform);
    }

    /** Whether a block is left unchanged by mutation (the fixed final 1×1 conv of IDW_fixfc). */
    public boolean frozen(SuperBlock b) {
        return freezeFinalConv && b.family() == BlockFamily.CONV && b.kernel() == 1;
    }

    /**
     * The official nested candidate lists for block {@code b} (each inner list is one appended running set). Candidates
     * keep {@code b}'s in_channels and stride; the caller re-chains in_channels.
     */
    public List<List<SuperBlock>> candidateLists(SuperBlock b) {
        List<List<SuperBlock>> lists = new ArrayList<>();
        if (b.family() == BlockFamily.CONV) {
            List<SuperBlock> one = new ArrayList<>();
            if (frozen(b)) {
                one.add(strip(b));
            } else {
                for (int w : ChannelLists.widths(b.out(), widthCap)) one.add(SuperBlock.conv(b.kernel(), b.in(), w, b.stride(), 1));
            }
            lists.add(one);
            return lists;
        }
        List<Integer> outs = ChannelLists.widths(b.out(), widthCap);
        List<Integer> ls = ChannelLists.subLayers(b.subLayers());
        List<Integer> btns = ChannelLists.widths(b.bottleneck(), widthCap);
        for (List<BlockType> group : groups) {
            List<SuperBlock> running = new ArrayList<>();
            for (BlockType t : group) {
                List<SuperBlock> ofType = new ArrayList<>();
                for (int out : outs) {
                    for (int l : ls) {
                        for (int btn : btns) ofType.add(SuperBlock.res(t, b.in(), out, b.stride(), btn, l));
                    }
                }
                if (uniformTypeSampling) {
                    lists.add(ofType);
                } else {
                    running.addAll(ofType);
                    lists.add(List.copyOf(running));
                }
            }
        }
        return lists;
    }

    /** Size of the flattened candidate list of {@code b}. */
    public long flatSize(SuperBlock b) {
        if (b.family() == BlockFamily.CONV) {
            return frozen(b) ? 1 : ChannelLists.widths(b.out(), widthCap).size();
        }
        long perType = (long) ChannelLists.widths(b.out(), widthCap).size() * ChannelLists.subLayers(b.subLayers()).size()
                * ChannelLists.widths(b.bottleneck(), widthCap).size();
        long total = 0;
        for (List<BlockType> g : groups) {
            int m = g.size();
            total += uniformTypeSampling ? perType * m : perType * (long) m * (m + 1) / 2;
        }
        return total;
    }

    /** Entry {@code index} of the flattened candidate list of {@code b}, without building the list. */
    public SuperBlock flatCandidate(SuperBlock b, long index) {
        long size = flatSize(b);
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("candidate " + index + " of " + size);
        if (b.family() == BlockFamily.CONV) {
            if (frozen(b)) return strip(b);
            return SuperBlock.conv(b.kernel(), b.in(), ChannelLists.widths(b.out(), widthCap).get((int) index), b.stride(), 1);
        }
        List<Integer> outs = ChannelLists.widths(b.out(), widthCap);
        List<Integer> ls = ChannelLists.subLayers(b.subLayers());
        List<Integer> btns = ChannelLists.widths(b.bottleneck(), widthCap);
        long perType = (long) outs.size() * ls.size() * btns.size();
        long u = index;
        for (List<BlockType> g : groups) {
            int m = g.size();
            // List number k (0-based) of this group holds types 0..k (cumulative) or type k only (uniform).
            for (int k = 0; k < m; k++) {
                long len = uniformTypeSampling ? perType : perType * (k + 1);
                if (u < len) {
                    int typeIndex = uniformTypeSampling ? k : (int) (u / perType);
                    long within = u % perType;
                    int out = outs.get((int) (within / ((long) ls.size() * btns.size())));
                    int l = ls.get((int) ((within / btns.size()) % ls.size()));
                    int btn = btns.get((int) (within % btns.size()));
                    return SuperBlock.res(g.get(typeIndex), b.in(), out, b.stride(), btn, l);
                }
                u -= len;
            }
        }
        throw new IllegalStateException("index arithmetic out of range");
    }

    /** A uniform draw from the flattened candidate list (the official {@code random.choice}). */
    public SuperBlock sample(SuperBlock b, SplittableRandom rng) {
        return flatCandidate(b, rng.nextLong(flatSize(b)));
    }

    private static SuperBlock strip(SuperBlock b) {
        return b.label() == null ? b : new SuperBlock(b.type(), b.in(), b.out(), b.stride(), b.bottleneck(), b.subLayers(), null);
    }
}
