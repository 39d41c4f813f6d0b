package dev.zennas.nasbench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The five candidate operations on an NAS-Bench-201 cell edge (conventions, NAS-Bench §2.2), with the token used in
 * architecture strings and the NASLib / NAS-Bench-Suite-Zero op id.
 */
public enum Nb201Op {
    NONE("none", 1),
    SKIP_CONNECT("skip_connect", 0),
    NOR_CONV_1X1("nor_conv_1x1", 3),
    NOR_CONV_3X3("nor_conv_3x3", 2),
    AVG_POOL_3X3("avg_pool_3x3", 4);

    private final String token;
    private final int naslibId;

    Nb201Op(String token, int naslibId) {
        this.token = token;
        this.naslibId = naslibId;
    }

    /** Token in the architecture string, e.g. {@code nor_conv_3x3}. */
    public String token() {
        return token;
    }

    /** NASLib op id: 0 = skip_connect, 1 = none, 2 = nor_conv_3x3, 3 = nor_conv_1x1, 4 = avg_pool_3x3. */
    public int naslibId() {
        return naslibId;
    }

    /** True for the two ReLU-Conv-BN ops (the only ops with parameters). */
    public boolean isConv() {
        return this == NOR_CONV_1X1 || this == NOR_CONV_3X3;
    }

    /** Kernel size of a conv op; 0 for the others. */
    public int kernel() {
        return this == NOR_CONV_3X3 ? 3 : this == NOR_CONV_1X1 ? 1 : 0;
    }

    public static Nb201Op fromToken(String token) {
        for (Nb201Op op : values()) {
            if (op.token.equals(token)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown NB201 op '" + token + "'; expected one of "
                + Arrays.stream(values()).map(Nb201Op::token).collect(Collectors.joining(", ")));
    }

    public static Nb201Op fromNaslibId(int id) {
        for (Nb201Op op : values()) {
            if (op.naslibId == id) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown NASLib op id " + id + " (expected 0..4)");
    }
}
