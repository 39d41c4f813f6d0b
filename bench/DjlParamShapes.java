import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import dev.zennas.net.ZenNetBuilder;
import dev.zennas.net.ZenNetwork;

/**
 * Prints the trainable parameter tensors of zen-lib's deployed ZenNets (ZenNetBuilder, residual links on, SE as in
 * data/zennets.csv) in DJL's order, one line per net: {@code name<TAB>count<TAB>shape;shape;...} with shapes written
 * as {@code 64x3x3x3}. BN running statistics are left out (PyTorch keeps them as buffers, not parameters).
 * {@code bench/zennet_torch.py --djl-shapes FILE} compares its PyTorch networks with this output tensor by tensor.
 *
 * <pre>java -Dai.djl.offline=true -cp 'zen-lib/target/zen-lib.jar:zen-lib/target/lib/*' bench/DjlParamShapes.java \
 *     [NAME ...] > /tmp/djl-shapes.tsv</pre>
 */
public class DjlParamShapes {
    public static void main(String[] args) {
        var names = args.length > 0 ? java.util.List.of(args) : ReleasedNets.names();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String name : names) {
                ReleasedNet r = ReleasedNets.get(name);
                Structure s = r.structure();
                ZenNetwork net = ZenNetBuilder.build(s, ZenNetBuilder.Options.training(r.resolution(), r.numClasses(),
                        r.se()));
                net.block().initialize(manager, DataType.FLOAT32, net.inputShape(1));
                StringBuilder shapes = new StringBuilder();
                long count = 0;
                for (Pair<String, Parameter> p : net.block().getParameters()) {
                    Parameter.Type t = p.getValue().getType();
                    if (t == Parameter.Type.RUNNING_MEAN || t == Parameter.Type.RUNNING_VAR) {
                        continue;
                    }
                    long[] dims = p.getValue().getArray().getShape().getShape();
                    long n = 1;
                    StringBuilder d = new StringBuilder();
                    for (long x : dims) {
                        n *= x;
                        d.append(d.length() == 0 ? "" : "x").append(x);
                    }
                    count += n;
                    shapes.append(shapes.length() == 0 ? "" : ";").append(d);
                }
                System.out.println(name + "\t" + count + "\t" + shapes);
            }
        }
    }
}
