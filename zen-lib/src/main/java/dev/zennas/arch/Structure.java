package dev.zennas.arch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable ZenNAS network structure: the ordered super blocks of a structure string (conventions §3).
 *
 * <p>The string form is the single source of truth: {@code Structure.parse(s).toString().equals(s)} for every valid
 * {@code s}. Equality is by content.
 *
 * <pre>{@code
 * Structure s = Structure.parse("SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,1,8,1)");
 * s.layers();                    // 2
 * Counts.of(s, 32, 10, false);   // params and FLOPs
 * }</pre>
 */
public final class Structure {
    private final List<SuperBlock> blocks;

    private Structure(List<SuperBlock> blocks) {
        if (blocks.isEmpty()) throw new IllegalArgumentException("a structure needs at least one block");
        this.blocks = Collections.unmodifiableList(new ArrayList<>(blocks));
    }

    /**
     * Parses and validates a structure string: known block names, positive integers in range, stride 1 or 2, and
     * channel continuity (each block's in equals the previous block's out).
     *
     * @throws StructureParseException with the character position and what was expected
     */
    public static Structure parse(String text) {
        return new Structure(StructureParser.parse(text, true));
    }

    /**
     * Parses without the channel-continuity check. The official ImageNet latency initial structure has an
     * inconsistent last block ({@code SuperConvK1BNRELU(256,512,1,1)} after a 512-channel block) that the search's
     * in-channel re-chaining repairs (conventions §4.4); it needs this.
     */
    public static Structure parseUnchecked(String text) {
        return new Structure(StructureParser.parse(text, false));
    }

    /** Builds a structure from blocks, checking channel continuity. */
    public static Structure of(List<SuperBlock> blocks) {
        Structure s = new Structure(blocks);
        for (int i = 1; i < blocks.size(); i++) {
            if (blocks.get(i).in() != blocks.get(i - 1).out()) {
                throw new IllegalArgumentException("channel mismatch at block " + (i + 1) + ": in " + blocks.get(i).in()
                        + " != previous out " + blocks.get(i - 1).out());
            }
        }
        return s;
    }

    /** Builds a structure from blocks without any continuity check. */
    public static Structure ofUnchecked(List<SuperBlock> blocks) {
        return new Structure(blocks);
    }

    public List<SuperBlock> blocks() {
        return blocks;
    }

    public SuperBlock block(int i) {
        return blocks.get(i);
    }

    public int size() {
        return blocks.size();
    }

    /** Input channels of the network (the first block's in). */
    public int inChannels() {
        return blocks.get(0).in();
    }

    /** Channels of the pre-GAP feature map (the last block's out). */
    public int outChannels() {
        return blocks.get(blocks.size() - 1).out();
    }

    /** Number of layers as the search counts them: the sum of sub_layers over all blocks (conventions §3.5, T13). */
    public int layers() {
        int n = 0;
        for (SuperBlock b : blocks) n += b.subLayers();
        return n;
    }

    /** Product of the strides: the down-sampling factor from input to the pre-GAP map. */
    public int downsampling() {
        int f = 1;
        for (SuperBlock b : blocks) f *= b.stride();
        return f;
    }

    /**
     * The search's {@code split}: every residual block with {@code subLayers >= threshold} becomes
     * {@code Name(in,out,s,btn,threshold/2)Name(out,out,1,btn,L-threshold/2)}; conv blocks are never split (conventions §3.5).
     * Applied once, left to right, like the official code.
     */
    public Structure split(int threshold) {
        List<SuperBlock> out = new ArrayList<>();
        int first = threshold / 2;
        for (SuperBlock b : blocks) {
            if (b.family().residual() && b.subLayers() >= threshold) {
                out.add(b.withSubLayers(first));
                out.add(new SuperBlock(b.type(), b.out(), b.out(), 1, b.bottleneck(), b.subLayers() - first, b.label()));
            } else {
                out.add(b);
            }
        }
        return new Structure(out);
    }

    /** A copy with block {@code i} replaced (no continuity check; call {@link #rechained()} after mutations). */
    public Structure withBlock(int i, SuperBlock b) {
        List<SuperBlock> copy = new ArrayList<>(blocks);
        copy.set(i, b);
        return new Structure(copy);
    }

    /** Re-chains in_channels left to right: each block's in becomes the previous block's out (conventions §4.2). */
    public Structure rechained() {
        List<SuperBlock> copy = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            SuperBlock b = blocks.get(i);
            copy.add(i == 0 ? b : b.withIn(copy.get(i - 1).out()));
        }
        return new Structure(copy);
    }

    /** Whether every block's in equals the previous block's out. */
    public boolean isChained() {
        for (int i = 1; i < blocks.size(); i++) if (blocks.get(i).in() != blocks.get(i - 1).out()) return false;
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (SuperBlock b : blocks) sb.append(b);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Structure other && blocks.equals(other.blocks);
    }

    @Override
    public int hashCode() {
        return blocks.hashCode();
    }
}
