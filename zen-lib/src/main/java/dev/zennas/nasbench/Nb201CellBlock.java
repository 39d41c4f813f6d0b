package dev.zennas.nasbench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.djl.nn.SequentialBlock;
import dev.zennas.blocks.DirectBlock;
import dev.zennas.blocks.ActivationProbe;
import dev.zennas.blocks.DirectForward;
import java.util.ArrayList;
import java.util.List;

/**
 * One NB201 cell as a DJL block: n0 = x, n1 = op01(n0), n2 = op02(n0) + op12(n1),
 * n3 = op03(n0) + op13(n1) + op23(n2); the output is n3 — a plain sum, no concatenation, no activation after it.
 * Edges leaving n0 map Cin→Cout, inner edges map Cout→Cout (NATS-SSS cells may change width).
 */
public final class Nb201CellBlock extends AbstractBlock implements DirectBlock {
    private final Nb201Cell genotype;
    private final int in;
    private final int out;
    private final List<Block> edges = new ArrayList<>(6);

    /**
     * @param genotype ops of the 6 edges
     * @param in input width
     * @param out output width
     * @param edgeFactory builds the block of one edge from (op, edge in width, out width)
     */
    Nb201CellBlock(Nb201Cell genotype, int in, int out, EdgeFactory edgeFactory) {
        super((byte) 1);
        this.genotype = genotype;
        this.in = in;
        this.out = out;
        for (int e = 0; e < 6; e++) {
            int edgeIn = Nb201Cell.from(e) == 0 ? in : out;
            Nb201Op op = genotype.edges().get(e);
            edges.add(addChildBlock("edge" + Nb201Cell.from(e) + Nb201Cell.to(e) + "_" + op.token(),
                    edgeFactory.create(op, edgeIn, out)));
        }
    }

    /** Builds the block of one cell edge. */
    interface EdgeFactory {
        Block create(Nb201Op op, int in, int out);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray[] nodes = new NDArray[4];
        nodes[0] = inputs.singletonOrThrow();
        for (int e = 0; e < 6; e++) { // string order = topological order of the targets
            NDArray y = edges.get(e).forward(store, new NDList(nodes[Nb201Cell.from(e)]), training, params)
                    .singletonOrThrow();
            int to = Nb201Cell.to(e);
            nodes[to] = nodes[to] == null ? y : nodes[to].add(y);
        }
        return new NDList(nodes[3]);
    }

    /**
     * The same sums as {@link #forwardInternal}, cheaper and exact: {@code none} edges are skipped (adding x·0
     * changes no finite value) unless a node has no other input, each node's ReLU is computed once for all the
     * conv edges leaving it (an installed {@link ActivationProbe} still sees it once per edge), sums accumulate in
     * place, and intermediates are closed as soon as the cell is done.
     */
    @Override
    public NDArray forwardDirect(DirectForward f, NDArray x) {
        NDArray[] nodes = new NDArray[4];
        NDArray[] relu = new NDArray[4];
        boolean[] owned = new boolean[4];
        nodes[0] = x;
        for (int e = 0; e < 6; e++) { // string order = topological order of the targets
            Nb201Op op = genotype.edges().get(e);
            if (op == Nb201Op.NONE) {
                continue;
            }
            int from = Nb201Cell.from(e);
            int to = Nb201Cell.to(e);
            if (nodes[from] == null) { // every input of `from` was none: the node exists, as zeros
                nodes[from] = f.zeros(x, out);
                owned[from] = true;
            }
            Block edge = edges.get(e);
            NDArray y;
            if (op.isConv() && edge instanceof SequentialBlock chain) { // ReLU → Conv → BN
                if (relu[from] == null) {
                    relu[from] = f.run(chain.getChildren().get(0).getValue(), nodes[from]);
                } else {
                    // the shared ReLU stands for one ReLU module per edge: a probe (NASWOT) sees each of them
                    ActivationProbe probe = ActivationProbe.current();
                    if (probe != null) {
                        probe.onReluInput(nodes[from]);
                    }
                }
                y = f.runChain(chain, 1, relu[from]);
            } else {
                y = f.run(edge, nodes[from]);
            }
            if (nodes[to] == null) {
                nodes[to] = y;
                owned[to] = y != nodes[from]; // a skip edge hands on its source node: shared, never written in place
            } else {
                nodes[to] = owned[to] ? nodes[to].addi(y) : nodes[to].add(y);
                owned[to] = true;
                if (y != nodes[from]) {
                    y.close();
                }
            }
        }
        if (nodes[3] == null) { // no path reaches the output: the cell is the zero function
            nodes[3] = f.zeros(x, out);
            owned[3] = true;
        }
        for (int k = 0; k < 4; k++) {
            if (relu[k] != null) {
                relu[k].close();
            }
            if (k > 0 && k < 3 && owned[k] && nodes[k] != nodes[3]) {
                nodes[k].close();
            }
        }
        return nodes[3];
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape inner = new Shape(x.get(0), out, x.get(2), x.get(3));
        for (int e = 0; e < 6; e++) {
            edges.get(e).initialize(manager, dataType, Nb201Cell.from(e) == 0 ? x : inner);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        if (x.dimension() != 4 || x.get(1) != in) {
            throw new IllegalArgumentException("cell(" + in + "->" + out + ") expects [N," + in + ",H,W], got " + x);
        }
        return new Shape[] {new Shape(x.get(0), out, x.get(2), x.get(3))};
    }

    public Nb201Cell genotype() {
        return genotype;
    }

    @Override
    public String toString() {
        return "Nb201Cell(" + in + "->" + out + ", " + genotype + ")";
    }
}
