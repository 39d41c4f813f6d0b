package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import dev.zennas.blocks.BatchNorm2d;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The BatchNorm layers of any block tree, found by their {@code runningVar} parameter (our {@link BatchNorm2d} and
 * DJL's {@link BatchNorm} both use that name), with their PyTorch-convention momentum where it can be known.
 */
final class BnLayers {

    /** One BN layer: its running-variance parameter and PyTorch momentum (NaN when unknown). */
    record Layer(Block owner, Parameter runningVar, double momentum) { }

    private final List<Layer> layers;
    private final int[] channelOffsets;

    private BnLayers(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        channelOffsets = new int[layers.size() + 1];
        for (int i = 0; i < layers.size(); i++) {
            channelOffsets[i + 1] = channelOffsets[i] + (int) layers.get(i).runningVar().getArray().size();
        }
    }

    /** Finds the BN layers of an initialised block tree, in tree order. */
    static BnLayers of(Block... roots) {
        List<Layer> found = new ArrayList<>();
        for (Block root : roots) {
            if (root != null) {
                collect(root, found);
            }
        }
        return new BnLayers(found);
    }

    private static void collect(Block block, List<Layer> out) {
        for (var p : block.getDirectParameters()) {
            Parameter param = p.getValue();
            if ("runningVar".equals(param.getName()) || param.getType() == Parameter.Type.RUNNING_VAR) {
                out.add(new Layer(block, param, momentumOf(block)));
            }
        }
        for (var child : block.getChildren()) {
            collect(child.getValue(), out);
        }
    }

    private static double momentumOf(Block block) {
        if (block instanceof BatchNorm2d bn) {
            return bn.momentum();
        }
        if (block instanceof BatchNorm) {
            try {
                Field f = BatchNorm.class.getDeclaredField("momentum");
                f.setAccessible(true);
                return 1.0 - f.getFloat(block); // DJL stores the complement of PyTorch's momentum
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    int size() {
        return layers.size();
    }

    List<Layer> layers() {
        return layers;
    }

    /** All running variances, concatenated into one host array (one JNI round trip). */
    float[] runningVars() {
        if (layers.isEmpty()) {
            return new float[0];
        }
        NDList list = new NDList(layers.size());
        for (Layer l : layers) {
            list.add(l.runningVar().getArray());
        }
        try (NDArray all = layers.size() == 1 ? list.get(0).duplicate() : NDArrays.concat(list)) {
            return all.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32 ? all.toFloatArray()
                    : toFloats(all.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        }
    }

    private static float[] toFloats(NDArray a) {
        try (a) {
            return a.toFloatArray();
        }
    }

    /** Mean of layer i's channels in {@code all} (as returned by {@link #runningVars()}), in double. */
    double layerMean(float[] all, int i) {
        double s = 0;
        for (int c = channelOffsets[i]; c < channelOffsets[i + 1]; c++) {
            s += all[c];
        }
        return s / (channelOffsets[i + 1] - channelOffsets[i]);
    }

    /**
     * Per-layer, per-channel batch variance of the last pass, recovered from running_var before/after one pass:
     * after = (1−m)·before + m·v.
     */
    float[] batchVariances(float[] before, float[] after) {
        float[] v = new float[after.length];
        for (int i = 0; i < layers.size(); i++) {
            double m = layers.get(i).momentum();
            if (Double.isNaN(m)) {
                throw new ProxyException("convention B/C needs the BN momentum, unknown for "
                        + layers.get(i).owner().getClass().getName()
                        + " (use dev.zennas.blocks.BatchNorm2d or DJL's BatchNorm)");
            }
            for (int c = channelOffsets[i]; c < channelOffsets[i + 1]; c++) {
                v[c] = (float) ((after[c] - (1 - m) * before[c]) / m);
            }
        }
        return v;
    }
}
