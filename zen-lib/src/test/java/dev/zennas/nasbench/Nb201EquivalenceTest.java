package dev.zennas.nasbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.data.NasBenchData;
import dev.zennas.data.Nb201Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Nb201EquivalenceTest {

    private static String key(String arch) {
        return Nb201Equivalence.key(Nb201Cell.parse(arch));
    }

    private static String cell(String op01, String op02, String op12, String op03, String op13, String op23) {
        return "|" + op01 + "~0|+|" + op02 + "~0|" + op12 + "~1|+|" + op03 + "~0|" + op13 + "~1|" + op23 + "~2|";
    }

    private static final String N = "none";
    private static final String S = "skip_connect";
    private static final String C1 = "nor_conv_1x1";
    private static final String C3 = "nor_conv_3x3";
    private static final String P = "avg_pool_3x3";

    @Test
    void rewritesThatKeepTheComputationShareAKey() {
        // alias: node 1 = skip(node 0), so conv(node 1) is conv(node 0)
        assertThat(key(cell(S, N, N, N, C3, N))).isEqualTo(key(cell(N, N, N, C3, N, N)));
        // relabelling: the branch through node 1 or through node 2
        assertThat(key(cell(C1, N, N, N, C3, N))).isEqualTo(key(cell(N, C1, N, N, N, C3)));
        // a pool into a node nobody reads is never seen
        assertThat(key(cell(P, N, N, C3, N, N))).isEqualTo(key(cell(N, N, N, C3, N, N)));
        // two pools of node 0 are one tensor
        assertThat(key(cell(P, P, N, N, C3, C3))).isEqualTo(key(cell(P, N, S, N, C3, C3)));
        // the output is an alias: n3 = skip(n1), n1 = conv(n0) is n3 = conv(n0)
        assertThat(key(cell(C3, N, N, N, S, N))).isEqualTo(key(cell(N, N, N, C3, N, N)));
        // a skip out of a zero node adds nothing
        assertThat(key(cell(N, N, N, C3, S, N))).isEqualTo(key(cell(N, N, N, C3, N, N)));
    }

    @Test
    void everyConvolutionCountsEvenWhereItsOutputIsUnusedOrZero() {
        // a dead-end conv still runs its BN (a term of the Zen-Score)
        assertThat(key(cell(C3, N, N, C3, N, N))).isNotEqualTo(key(cell(N, N, N, C3, N, N)));
        // a conv of a zero node too, and it differs from a dead-end conv of a live node
        assertThat(key(cell(N, N, C3, C3, N, N))).isNotEqualTo(key(cell(N, N, N, C3, N, N)))
                .isNotEqualTo(key(cell(C3, N, N, C3, N, N)));
        // one conv read twice is not two convs read once each
        assertThat(key(cell(C1, C1, N, N, S, C3))).isNotEqualTo(key(cell(C1, N, S, N, S, C3)));
        // n3 = n0 + n0 is not n3 = n0
        assertThat(key(cell(S, N, N, S, S, N))).isNotEqualTo(key(cell(N, N, N, S, N, N)));
        // the kernel size matters
        assertThat(key(cell(N, N, N, C1, N, N))).isNotEqualTo(key(cell(N, N, N, C3, N, N)));
    }

    @Test
    void theSpaceHas6239ClassesWhoseMembersComputeTheSameOperationGraphAndShareTheirParameterCounts() {
        List<Nb201Row> rows = NasBenchData.nb201();
        Map<String, String> graphOfKey = new HashMap<>();
        Map<String, Long> paramsOfKey = new HashMap<>();
        Set<String> graphs = new HashSet<>();
        for (Nb201Row row : rows) {
            String k = Nb201Equivalence.key(row.cell());
            String g = OperationGraph.of(row.cell());
            graphs.add(g);
            String seen = graphOfKey.putIfAbsent(k, g);
            assertThat(seen == null ? g : seen).as("key %s groups %s", k, row.archStr()).isEqualTo(g);
            long params = NetworkCost.nb201(row.cell(), BenchmarkDataset.CIFAR10).params();
            Long p = paramsOfKey.putIfAbsent(k, params);
            assertThat(p == null ? params : p).as(row.archStr()).isEqualTo(params);
        }
        assertThat(graphOfKey.size()).isEqualTo(6_239);
        // the keys find every equivalence the independent description below can see
        assertThat(graphs.size()).isEqualTo(6_239);
    }

    @Test
    void atTheParameterFunctionLevelAConvOfZerosKeepsTheNodeItsShiftIsAddedTo() {
        String k = "|none~0|+|none~0|nor_conv_3x3~1|+|nor_conv_1x1~0|none~1|none~2|"; // conv3(0) into node 2 (unread)
        String l = "|none~0|+|none~0|none~1|+|nor_conv_1x1~0|nor_conv_3x3~1|none~2|"; // conv3(0) into the output
        Nb201Equivalence.Level f = Nb201Equivalence.Level.PARAMETER_FUNCTION;
        assertThat(Nb201Equivalence.key(Nb201Cell.parse(k))).isEqualTo(key(l));
        assertThat(Nb201Equivalence.key(Nb201Cell.parse(k), f)).isNotEqualTo(Nb201Equivalence.key(Nb201Cell.parse(l), f));
        // convs of two zero nodes or two convs of one zero node (one read through an alias): the same function
        assertThat(Nb201Equivalence.key(Nb201Cell.parse(cell(N, N, C3, C3, C3, S)), f))
                .isEqualTo(Nb201Equivalence.key(Nb201Cell.parse(cell(N, N, N, C3, C3, C3)), f));
        assertThat(Nb201Equivalence.key(Nb201Cell.parse(cell(S, N, N, N, C3, N)), f))
                .isEqualTo(Nb201Equivalence.key(Nb201Cell.parse(cell(N, N, N, C3, N, N)), f));
    }

    @Test
    void theParameterFunctionClassesMatchTheIndependentDescriptionAndRefineTheGraphClasses() {
        Nb201Equivalence.Level f = Nb201Equivalence.Level.PARAMETER_FUNCTION;
        Map<String, String> functionOfKey = new HashMap<>();
        Map<String, String> graphKeyOfKey = new HashMap<>();
        Set<String> functions = new HashSet<>();
        for (Nb201Row row : NasBenchData.nb201()) {
            String k = Nb201Equivalence.key(row.cell(), f);
            String g = OperationGraph.of(row.cell(), true);
            functions.add(g);
            assertThat(functionOfKey.computeIfAbsent(k, x -> g)).as("key %s groups %s", k, row.archStr()).isEqualTo(g);
            String graphKey = Nb201Equivalence.key(row.cell());
            assertThat(graphKeyOfKey.computeIfAbsent(k, x -> graphKey)).as(row.archStr()).isEqualTo(graphKey);
        }
        assertThat(functions).hasSize(functionOfKey.size());
        assertThat(functionOfKey.size()).isGreaterThan(6_239).isEqualTo(EXPECTED_FUNCTION_CLASSES);
    }

    /** Measured once and checked by the independent description above. */
    private static final int EXPECTED_FUNCTION_CLASSES = 6_594;

    @Test
    void representativesAreCheapestMembersAndIndependentOfTheOrderTheyAreAskedIn() {
        List<Nb201Row> rows = NasBenchData.nb201();
        int[] rep = Nb201Equivalence.representatives(rows.size(), i -> rows.get(i).cell());
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < rep.length; i++) {
            distinct.add(rep[i]);
            assertThat(rep[rep[i]]).isEqualTo(rep[i]);
            Nb201Cell member = rows.get(i).cell();
            Nb201Cell r = rows.get(rep[i]).cell();
            assertThat(Nb201Equivalence.key(r)).isEqualTo(Nb201Equivalence.key(member));
            assertThat(r.count(Nb201Op.AVG_POOL_3X3)).isLessThanOrEqualTo(member.count(Nb201Op.AVG_POOL_3X3));
        }
        assertThat(distinct.size()).isEqualTo(6_239);
        // the cell of six none edges is the cheapest member of its class
        int allNone = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).cell().count(Nb201Op.NONE) == 6) {
                allNone = i;
            }
        }
        assertThat(rep[allNone]).isEqualTo(allNone);
    }

    /**
     * An independent description of what a cell computes, written as a symbolic forward pass: every tensor is an
     * expression (sums flattened, skips pass their operand through, pools and convs are nodes), every conv is an
     * instance of its own, and the description lists the output and every conv instance (each one's BN). Two cells
     * with equal descriptions compute the same graph of operation instances.
     */
    static final class OperationGraph {
        private record Conv(Nb201Op op, Object input) {
        }

        private record Pool(Object input) {
        }

        private record Sum(List<Object> terms) {
        }

        private static final Object INPUT = "x";
        private static final Object ZERO = "0";

        static String of(Nb201Cell cell) {
            return of(cell, false);
        }

        /**
         * With {@code convsOfZeroAreTerms}, a conv of the zero tensor is a term of its target like any other conv
         * (its output is its BN shift β: zero in value, not in gradient); without, it adds nothing.
         */
        static String of(Nb201Cell cell, boolean convsOfZeroAreTerms) {
            Object[] node = new Object[4];
            node[0] = INPUT;
            List<Conv> convs = new ArrayList<>();
            List<List<Object>> terms = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                terms.add(new ArrayList<>());
            }
            for (int e = 0; e < 6; e++) {
                int from = Nb201Cell.from(e);
                int to = Nb201Cell.to(e);
                if (node[from] == null) {
                    node[from] = close(terms.get(from));
                }
                Object x = node[from];
                Nb201Op op = cell.edges().get(e);
                switch (op) {
                    case NONE -> { }
                    case SKIP_CONNECT -> add(terms.get(to), x);
                    case AVG_POOL_3X3 -> add(terms.get(to), x == ZERO ? ZERO : new Pool(x));
                    default -> {
                        Conv c = new Conv(op, x);
                        convs.add(c);
                        add(terms.get(to), x == ZERO && !convsOfZeroAreTerms ? ZERO : c);
                    }
                }
            }
            Object out = close(terms.get(3));
            OperationGraph g = new OperationGraph();
            g.countReads(out);
            for (Conv c : convs) {
                g.visit(c);
            }
            List<String> bns = new ArrayList<>();
            for (Conv c : convs) {
                bns.add(g.name(c));
            }
            bns.sort(null);
            return "out=" + g.name(out) + " bn=" + bns;
        }

        /** How many places read each conv instance: the output, sums, pools and convs reached from the roots. */
        private final Map<Object, Integer> reads = new IdentityHashMap<>();
        private final Set<Object> visited = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        private void countReads(Object out) {
            reads.merge(out, 1, Integer::sum);
            visit(out);
        }

        private void visit(Object o) {
            if (!visited.add(o)) {
                return;
            }
            List<Object> children = o instanceof Sum s ? s.terms() : o instanceof Pool p ? List.of(p.input())
                    : o instanceof Conv c ? List.of(c.input()) : List.of();
            for (Object child : children) {
                reads.merge(child, 1, Integer::sum);
                visit(child);
            }
        }

        private static void add(List<Object> terms, Object t) {
            if (t == ZERO) {
                return;
            }
            if (t instanceof Sum s) {
                terms.addAll(s.terms());
            } else {
                terms.add(t);
            }
        }

        private static Object close(List<Object> terms) {
            return terms.isEmpty() ? ZERO : terms.size() == 1 ? terms.get(0) : new Sum(List.copyOf(terms));
        }

        /**
         * A name for an expression. A conv is named by its kernel, its input and how many places read it; that one
         * conv read twice differs from two convs read once each also shows in the list of BN layers, where every
         * instance appears once.
         */
        private String name(Object o) {
            if (o == INPUT || o == ZERO) {
                return (String) o;
            }
            if (o instanceof Pool p) {
                return "pool(" + name(p.input()) + ")";
            }
            if (o instanceof Sum s) {
                List<String> parts = new ArrayList<>();
                for (Object t : s.terms()) {
                    parts.add(name(t));
                }
                parts.sort(null);
                return "sum" + parts;
            }
            Conv c = (Conv) o;
            return c.op().token() + "(" + name(c.input()) + ")#" + reads.getOrDefault(c, 0);
        }
    }
}
