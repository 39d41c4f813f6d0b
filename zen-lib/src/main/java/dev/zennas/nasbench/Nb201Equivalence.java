package dev.zennas.nasbench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Which NB201 cells build the same network, so that a function-determined proxy (the Zen-Score) has the same score
 * distribution on them and one draw can stand for all of them.
 *
 * <p>Two cells are equivalent when they compute the same graph of operation instances up to relabelling the
 * intermediate nodes — counting every convolution, because each one's train-mode BN adds a term to the Zen-Score
 * even where its output is never used. The key is the canonical form of the cell after these rewrites, each of which
 * leaves the set of computed tensors and BN statistics unchanged:
 * <ul>
 *   <li><b>zero nodes</b>: a node with no input is the zero tensor; a skip or pool leaving it adds zero and is
 *       dropped, a conv leaving it is still computed (its BN sees zeros) and is counted in the key;</li>
 *   <li><b>unused values</b>: a skip or pool into a node whose value reaches neither the output nor any conv is
 *       dropped; a conv into such a node still runs and stays, as a "sink" conv of its source;</li>
 *   <li><b>aliases</b>: a node whose only input is one skip edge <em>is</em> its source node;</li>
 *   <li><b>sums</b>: a node read only through skip edges is a partial sum; its inputs move into its readers
 *       (copied when it has several readers, which is allowed only when no conv feeds it: a conv is one
 *       instance);</li>
 *   <li><b>recomputation</b>: a skip from a node fed only by parameter-free edges reads the same tensor as copies
 *       of those edges would;</li>
 *   <li><b>equal nodes</b>: two nodes fed by the same parameter-free edges from the same sources are one tensor;</li>
 *   <li><b>relabelling</b>: the key is the smallest edge list over all numberings of the remaining nodes.</li>
 * </ul>
 * Of the 15,625 cells, 6,239 classes remain (an independent symbolic description in the tests finds the same
 * partition). Members of a class have equal parameter counts (all convs are kept); their FLOPs may differ (dropped or
 * recomputed pools). The rewrites are exact for the tensors computed; only the order of a
 * node's summands may differ (floating-point rounding).
 *
 * <p>That is {@link Level#COMPUTED_GRAPH}. A gradient proxy needs {@link Level#PARAMETER_FUNCTION}: a conv fed only
 * zeros outputs its BN shift β, which is 0 at initialisation but still receives the gradient of the node it is added
 * to, so there such a conv keeps its target (it reads a shared zero source) instead of being only counted.
 */
public final class Nb201Equivalence {
    /** Target of a conv whose output nobody reads. */
    private static final int SINK = -1;
    /** Output pointer of a network whose cell output is the zero tensor. */
    private static final int ZERO = -2;
    /** Source of the convs fed only zeros, at {@link Level#PARAMETER_FUNCTION} (never a relabelled node). */
    private static final int ZERO_SOURCE = 4;

    /** How much of a network two cells must share to be equivalent. */
    public enum Level {
        /**
         * The same tensors and BN statistics in the forward pass: enough for forward-only proxies (Zen-Score,
         * NASWOT). Convs fed only zeros are counted by kernel, not placed: at initialisation they add nothing.
         */
        COMPUTED_GRAPH,
        /**
         * The same function of the parameters (every output and every gradient), over the same parameter tensors:
         * enough for gradient proxies (GradNorm, SynFlow). A finer partition than {@link #COMPUTED_GRAPH}.
         */
        PARAMETER_FUNCTION
    }

    private Nb201Equivalence() {
    }

    private record Edge(int from, int to, Nb201Op op) {
        String render(int[] label) {
            return (from == ZERO_SOURCE ? "z" : Integer.toString(label[from])) + ">"
                    + (to == SINK ? "s" : Integer.toString(label[to])) + ":" + op.naslibId();
        }
    }

    /** The canonical key of {@code cell} at {@link Level#COMPUTED_GRAPH}: equal keys = equivalent cells. */
    public static String key(Nb201Cell cell) {
        return key(cell, Level.COMPUTED_GRAPH);
    }

    /** The canonical key of {@code cell} at {@code level}: equal keys = equivalent cells. */
    public static String key(Nb201Cell cell, Level level) {
        List<Edge> edges = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            Nb201Op op = cell.edges().get(e);
            if (op != Nb201Op.NONE) {
                edges.add(new Edge(Nb201Cell.from(e), Nb201Cell.to(e), op));
            }
        }
        boolean[] alive = {true, true, true, true};
        int out = 3;
        int[] zeroConvs = new int[4]; // by kernel size: a zero conv has no effect on values, but has parameters
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int j = 1; j <= 3; j++) { // zero nodes: nothing flows in
                if (alive[j] && inputs(edges, j).isEmpty()) {
                    for (Edge e : outputs(edges, j)) {
                        edges.remove(e);
                        changed = true;
                        if (e.op().isConv()) {
                            if (level == Level.COMPUTED_GRAPH) {
                                zeroConvs[e.op().kernel()]++;
                            } else {
                                edges.add(new Edge(ZERO_SOURCE, e.to(), e.op()));
                            }
                        }
                    }
                }
            }
            boolean[] used = usedNodes(edges, out);
            for (int k = 0; k < edges.size(); k++) { // writes into values nobody reads
                Edge e = edges.get(k);
                if (e.to() != SINK && !used[e.to()]) {
                    changed = true;
                    if (e.op().isConv()) {
                        edges.set(k, new Edge(e.from(), SINK, e.op()));
                    } else {
                        edges.remove(k--);
                    }
                }
            }
            if (changed) {
                continue;
            }
            for (int j = 1; j <= 3 && !changed; j++) { // aliases: a single skip in
                List<Edge> in = inputs(edges, j);
                if (alive[j] && in.size() == 1 && in.get(0).op() == Nb201Op.SKIP_CONNECT) {
                    edges.remove(in.get(0));
                    out = replace(edges, j, in.get(0).from(), out);
                    alive[j] = false;
                    changed = true;
                }
            }
            for (int j = 1; j <= 3 && !changed; j++) { // sums read only through skips: fold into their readers
                List<Edge> in = inputs(edges, j);
                List<Edge> outEdges = outputs(edges, j);
                if (alive[j] && j != out && !outEdges.isEmpty() && !in.isEmpty()
                        && outEdges.stream().allMatch(e -> e.op() == Nb201Op.SKIP_CONNECT)
                        && (outEdges.size() == 1 || in.stream().noneMatch(e -> e.op().isConv()))) {
                    edges.removeAll(outEdges);
                    edges.removeAll(in);
                    copyInputs(edges, in, outEdges);
                    alive[j] = false;
                    changed = true;
                }
            }
            for (int j = 1; j <= 3 && !changed; j++) { // a parameter-free node read through a skip: recompute it
                List<Edge> in = inputs(edges, j);
                List<Edge> skips = outputs(edges, j).stream().filter(e -> e.op() == Nb201Op.SKIP_CONNECT).toList();
                if (alive[j] && j != out && !in.isEmpty() && !skips.isEmpty()
                        && in.stream().noneMatch(e -> e.op().isConv())) {
                    edges.removeAll(skips);
                    copyInputs(edges, in, skips);
                    changed = true;
                }
            }
            for (int j = 1; j <= 3 && !changed; j++) { // equal parameter-free nodes
                for (int k = j + 1; k <= 3 && !changed; k++) {
                    List<String> a = inputSignature(edges, j);
                    if (alive[j] && alive[k] && !a.isEmpty() && a.equals(inputSignature(edges, k))
                            && inputs(edges, j).stream().noneMatch(e -> e.op().isConv())) {
                        edges.removeAll(inputs(edges, k));
                        out = replace(edges, k, j, out);
                        alive[k] = false;
                        changed = true;
                    }
                }
            }
        }
        if (out != 0 && inputs(edges, out).isEmpty()) {
            out = ZERO;
        }
        return canonical(edges, alive, out) + "|zero-convs=" + zeroConvs[1] + "x1," + zeroConvs[3] + "x3";
    }

    /** Smallest rendering over all numberings of the remaining non-input nodes. */
    private static String canonical(List<Edge> edges, boolean[] alive, int out) {
        List<Integer> nodes = new ArrayList<>();
        for (int j = 1; j <= 3; j++) {
            final int node = j;
            if (alive[j] && (j == out || edges.stream().anyMatch(e -> e.from() == node || e.to() == node))) {
                nodes.add(j);
            }
        }
        String best = null;
        for (int[] perm : permutations(nodes.size())) {
            int[] label = new int[4];
            for (int i = 0; i < nodes.size(); i++) {
                label[nodes.get(i)] = perm[i] + 1;
            }
            List<String> rendered = new ArrayList<>();
            for (Edge e : edges) {
                rendered.add(e.render(label));
            }
            rendered.sort(Comparator.naturalOrder());
            String s = String.join(",", rendered) + "|out=" + (out == ZERO ? "zero" : Integer.toString(label[out]));
            if (best == null || s.compareTo(best) < 0) {
                best = s;
            }
        }
        return best;
    }

    private static List<int[]> permutations(int n) {
        List<int[]> all = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, all);
        return all;
    }

    private static void permute(int[] p, boolean[] taken, int at, List<int[]> all) {
        if (at == p.length) {
            all.add(p.clone());
            return;
        }
        for (int v = 0; v < p.length; v++) {
            if (!taken[v]) {
                taken[v] = true;
                p[at] = v;
                permute(p, taken, at + 1, all);
                taken[v] = false;
            }
        }
    }

    /** Nodes whose value is read: the output, and anything feeding a used node or any conv. */
    private static boolean[] usedNodes(List<Edge> edges, int out) {
        boolean[] used = new boolean[ZERO_SOURCE + 1];
        used[out] = true;
        for (int pass = 0; pass < 4; pass++) {
            for (Edge e : edges) {
                if (e.op().isConv() || (e.to() != SINK && used[e.to()])) {
                    used[e.from()] = true;
                }
            }
        }
        return used;
    }

    /** Adds a copy of every input edge {@code in} of a node into the target of each of its skip edges {@code skips}. */
    private static void copyInputs(List<Edge> edges, List<Edge> in, List<Edge> skips) {
        for (Edge skip : skips) {
            for (Edge e : in) {
                edges.add(new Edge(e.from(), skip.to(), e.op()));
            }
        }
    }

    /** Redirects everything that read node {@code from} to read node {@code to}; returns the new output pointer. */
    private static int replace(List<Edge> edges, int from, int to, int out) {
        edges.replaceAll(e -> e.from() == from ? new Edge(to, e.to(), e.op()) : e);
        return out == from ? to : out;
    }

    private static List<Edge> inputs(List<Edge> edges, int node) {
        return edges.stream().filter(e -> e.to() == node).toList();
    }

    private static List<Edge> outputs(List<Edge> edges, int node) {
        return edges.stream().filter(e -> e.from() == node).toList();
    }

    private static List<String> inputSignature(List<Edge> edges, int node) {
        return inputs(edges, node).stream().map(e -> e.from() + ":" + e.op().naslibId()).sorted().toList();
    }

    /**
     * For each architecture index {@code 0..size-1}, the index that stands for its class: the member with the fewest
     * pooling edges, then the fewest non-{@code none} edges (the cheapest to evaluate), then the lowest index. The
     * choice depends on the whole space only, never on a sample, so a sampled study shares draws with a full one.
     */
    public static int[] representatives(int size, IntFunction<Nb201Cell> cellOf) {
        return representatives(size, cellOf, Level.COMPUTED_GRAPH);
    }

    /** {@link #representatives(int, IntFunction)} for the classes at {@code level}. */
    public static int[] representatives(int size, IntFunction<Nb201Cell> cellOf, Level level) {
        Map<String, Integer> best = new HashMap<>();
        String[] keys = new String[size];
        Nb201Cell[] cells = new Nb201Cell[size];
        for (int i = 0; i < size; i++) {
            cells[i] = cellOf.apply(i);
            keys[i] = key(cells[i], level);
            final int index = i;
            best.merge(keys[i], i, (a, b) -> cheaper(cells[a], a, cells[index], index) ? a : b);
        }
        int[] rep = new int[size];
        Arrays.setAll(rep, i -> best.get(keys[i]));
        return rep;
    }

    private static boolean cheaper(Nb201Cell a, int ia, Nb201Cell b, int ib) {
        int pa = a.count(Nb201Op.AVG_POOL_3X3);
        int pb = b.count(Nb201Op.AVG_POOL_3X3);
        if (pa != pb) {
            return pa < pb;
        }
        int na = 6 - a.count(Nb201Op.NONE);
        int nb = 6 - b.count(Nb201Op.NONE);
        return na != nb ? na < nb : ia < ib;
    }
}
