package dev.zennas.nasbench;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * One NAS-Bench-201 cell genotype: an op on each of the 6 edges of the 4-node DAG (conventions, NAS-Bench §2.2).
 *
 * <p>Edges are stored in <em>architecture-string order</em>: (0→1), (0→2), (1→2), (0→3), (1→3), (2→3). The string
 * form is {@code |op01~0|+|op02~0|op12~1|+|op03~0|op13~1|op23~2|}; {@link #toString()} round-trips it.
 *
 * @param edges the 6 ops in string order
 */
public record Nb201Cell(List<Nb201Op> edges) {
    /** Source node of each edge, in string order. */
    private static final int[] FROM = {0, 0, 1, 0, 1, 2};
    /** Target node of each edge, in string order. */
    private static final int[] TO = {1, 2, 2, 3, 3, 3};
    /** NASLib edge order (0→1, 0→2, 0→3, 1→2, 1→3, 2→3) as indices into the string order. */
    private static final int[] NASLIB_ORDER = {0, 1, 3, 2, 4, 5};

    public Nb201Cell {
        if (edges == null || edges.size() != 6) {
            throw new IllegalArgumentException("an NB201 cell has exactly 6 edges, got "
                    + (edges == null ? "null" : edges.size()));
        }
        for (Nb201Op op : edges) {
            if (op == null) {
                throw new IllegalArgumentException("edge op must not be null: " + edges);
            }
        }
        edges = List.copyOf(edges);
    }

    /** Source node of edge {@code e} (string order). */
    public static int from(int e) {
        return FROM[e];
    }

    /** Target node of edge {@code e} (string order). */
    public static int to(int e) {
        return TO[e];
    }

    /**
     * Parses an architecture string such as
     * {@code |avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|}.
     *
     * @throws IllegalArgumentException with the offending token when the string is malformed
     */
    public static Nb201Cell parse(String arch) {
        if (arch == null) {
            throw new IllegalArgumentException("NB201 architecture string must not be null");
        }
        String[] nodes = arch.strip().split("\\+", -1);
        if (nodes.length != 3) {
            throw new IllegalArgumentException("NB201 architecture string needs 3 '+'-separated node groups, got "
                    + nodes.length + ": '" + arch + "'");
        }
        List<Nb201Op> ops = new ArrayList<>(6);
        for (int node = 1; node <= 3; node++) {
            String group = nodes[node - 1];
            if (!group.startsWith("|") || !group.endsWith("|") || group.length() < 2) {
                throw new IllegalArgumentException("node group " + node + " must look like |op~i|...|, got '" + group
                        + "' in '" + arch + "'");
            }
            String[] tokens = group.substring(1, group.length() - 1).split("\\|", -1);
            if (tokens.length != node) {
                throw new IllegalArgumentException("node " + node + " needs " + node + " inputs, got " + tokens.length
                        + " in '" + arch + "'");
            }
            for (int input = 0; input < node; input++) {
                String token = tokens[input];
                int tilde = token.lastIndexOf('~');
                if (tilde < 0) {
                    throw new IllegalArgumentException("token '" + token + "' lacks '~input' in '" + arch + "'");
                }
                String src = token.substring(tilde + 1);
                if (!src.equals(Integer.toString(input))) {
                    throw new IllegalArgumentException("token '" + token + "' of node " + node + " must read from node "
                            + input + " in '" + arch + "'");
                }
                ops.add(Nb201Op.fromToken(token.substring(0, tilde)));
            }
        }
        return new Nb201Cell(ops);
    }

    /**
     * Builds a cell from the NASLib 6-tuple (edge order 0→1, 0→2, 0→3, 1→2, 1→3, 2→3; op ids 0 = skip, 1 = none,
     * 2 = conv3×3, 3 = conv1×1, 4 = avg pool), written with '-' (e.g. {@code 4-3-3-0-0-0}) or ',' separators.
     */
    public static Nb201Cell fromNaslibOps(String ops) {
        String[] parts = ops.strip().replaceAll("[()\\s]", "").split("[-,]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("NASLib op tuple needs 6 ids, got '" + ops + "'");
        }
        Nb201Op[] edges = new Nb201Op[6];
        for (int k = 0; k < 6; k++) {
            edges[NASLIB_ORDER[k]] = Nb201Op.fromNaslibId(Integer.parseInt(parts[k]));
        }
        return new Nb201Cell(List.of(edges));
    }

    /** The NASLib op tuple joined with '-', e.g. {@code 4-3-3-0-0-0}. */
    public String naslibOps() {
        StringJoiner j = new StringJoiner("-");
        for (int k = 0; k < 6; k++) {
            j.add(Integer.toString(edges.get(NASLIB_ORDER[k]).naslibId()));
        }
        return j.toString();
    }

    /** The op on the edge {@code from → to} (0 ≤ from < to ≤ 3). */
    public Nb201Op op(int from, int to) {
        for (int e = 0; e < 6; e++) {
            if (FROM[e] == from && TO[e] == to) {
                return edges.get(e);
            }
        }
        throw new IllegalArgumentException("no edge " + from + "->" + to + " in an NB201 cell");
    }

    /** How many edges carry {@code op}. */
    public int count(Nb201Op op) {
        int n = 0;
        for (Nb201Op e : edges) {
            if (e == op) {
                n++;
            }
        }
        return n;
    }

    /**
     * True when some path of non-{@code none} edges leads from node 0 to node 3. Disconnected cells (341 of
     * 15,625) make the whole network a constant function.
     */
    public boolean isConnected() {
        boolean[] reach = new boolean[4];
        reach[0] = true;
        for (int e = 0; e < 6; e++) { // string order visits edges in topological order of their target
            if (edges.get(e) != Nb201Op.NONE && reach[FROM[e]]) {
                reach[TO[e]] = true;
            }
        }
        return reach[3];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int e = 0;
        for (int node = 1; node <= 3; node++) {
            if (node > 1) {
                sb.append('+');
            }
            sb.append('|');
            for (int input = 0; input < node; input++) {
                sb.append(edges.get(e++).token()).append('~').append(input).append('|');
            }
        }
        return sb.toString();
    }
}
