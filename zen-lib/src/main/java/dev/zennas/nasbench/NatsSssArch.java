package dev.zennas.nasbench;

import java.util.Arrays;

/**
 * One NATS-Bench size-search-space network: the output widths of its 5 layers, each in {8, 16, ..., 64}
 * (conventions, NAS-Bench §3). String form {@code c0:c1:c2:c3:c4}; index = Σ (c_j/8 − 1)·8^(4−j).
 *
 * @param channels the 5 widths (copied)
 */
public record NatsSssArch(int[] channels) {
    /** Number of architectures in the space, 8^5. */
    public static final int SIZE = 32_768;
    /** The fixed NB201 cell genotype used by every SSS network. */
    public static final Nb201Cell CELL = Nb201Cell.parse(
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|");

    public NatsSssArch {
        if (channels == null || channels.length != 5) {
            throw new IllegalArgumentException("a NATS-SSS architecture has 5 widths, got "
                    + (channels == null ? "null" : Arrays.toString(channels)));
        }
        for (int c : channels) {
            if (c < 8 || c > 64 || c % 8 != 0) {
                throw new IllegalArgumentException("NATS-SSS widths must be in {8,16,...,64}, got "
                        + Arrays.toString(channels));
            }
        }
        channels = channels.clone();
    }

    /** Parses {@code c0:c1:c2:c3:c4}. */
    public static NatsSssArch parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("NATS-SSS architecture string must not be null");
        }
        String[] parts = s.strip().split(":", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("NATS-SSS architecture string needs 5 ':'-separated widths, got '" + s + "'");
        }
        int[] c = new int[5];
        for (int i = 0; i < 5; i++) {
            try {
                c[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("width '" + parts[i] + "' is not an integer in '" + s + "'");
            }
        }
        return new NatsSssArch(c);
    }

    /** The architecture with the given official index (0 = {@code 8:8:8:8:8}, 32767 = {@code 64:64:64:64:64}). */
    public static NatsSssArch ofIndex(int index) {
        if (index < 0 || index >= SIZE) {
            throw new IllegalArgumentException("NATS-SSS index must be in [0, " + SIZE + "), got " + index);
        }
        int[] c = new int[5];
        for (int j = 4; j >= 0; j--) {
            c[j] = (index % 8 + 1) * 8;
            index /= 8;
        }
        return new NatsSssArch(c);
    }

    /** The official index. */
    public int index() {
        int idx = 0;
        for (int c : channels) {
            idx = idx * 8 + (c / 8 - 1);
        }
        return idx;
    }

    /** Width of layer {@code j} (0..4). */
    public int channel(int j) {
        return channels[j];
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NatsSssArch other && Arrays.equals(channels, other.channels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(channels);
    }

    @Override
    public String toString() {
        return channels[0] + ":" + channels[1] + ":" + channels[2] + ":" + channels[3] + ":" + channels[4];
    }
}
