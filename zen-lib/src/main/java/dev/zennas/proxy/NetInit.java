package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.initializer.Initializer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Deterministic (re-)initialisation of any block's parameters from a Java RNG, written in place.
 *
 * <p>Parameters are recognised by DJL {@link Parameter.Type}: WEIGHT (conv/linear weights), BIAS, GAMMA, BETA,
 * RUNNING_MEAN, RUNNING_VAR; OTHER-typed parameters are left alone. Values are drawn in
 * {@link Block#getParameters()} order, so the same seed gives the same network whatever the thread count.
 */
public final class NetInit {

    /** How conv/linear weights are drawn. */
    public enum Scheme {
        /** Zen-NAS proxies: weight ~ N(0,1), bias 0, γ = 1, β = 0 (conventions §1.2 step 2). */
        GAUSSIAN,
        /** |N(0,1)| weights (SynFlow takes abs of every entry after the Gaussian init). */
        ABS_GAUSSIAN,
        /** PyTorch's default init of a fresh module: U(±1/√fan_in) for weight and bias, γ = 1, β = 0 (TE-NAS). */
        PYTORCH_DEFAULT
    }

    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    /** Allocates parameters without filling them (they are overwritten right after). */
    private static final Initializer EMPTY = (manager, shape, dataType) -> manager.create(shape, dataType);

    private NetInit() {
    }

    /**
     * Makes sure every parameter of {@code block} exists with data type {@code dataType}: an uninitialised block is
     * initialised (at {@code inputShape}, normally batch 1, no forward for our blocks) with unfilled arrays in
     * {@code manager}; arrays of another data type are re-created in their own manager.
     */
    public static void prepare(Block block, NDManager manager, DataType dataType, Shape inputShape) {
        if (!block.isInitialized()) {
            for (var p : block.getParameters()) {
                Parameter param = p.getValue();
                if (param.getType() != Parameter.Type.OTHER && !param.isInitialized()) {
                    param.setInitializer(EMPTY);
                }
            }
            block.initialize(manager, dataType, inputShape);
        }
        for (var p : block.getParameters()) {
            Parameter param = p.getValue();
            NDArray array = param.getArray();
            if (array.getDataType() != dataType && param.getType() != Parameter.Type.OTHER) {
                NDManager owner = array.getManager();
                param.close();
                param.setInitializer(EMPTY);
                param.initialize(owner, dataType);
            }
        }
    }

    /**
     * Overwrites every recognised parameter of {@code block} in place.
     *
     * @param resetRunningStats false keeps BN running statistics (the official init function never touches them;
     *                          used for the standalone script's accumulating behaviour)
     */
    public static void fill(Block block, RandomGenerator rng, Scheme scheme, boolean resetRunningStats) {
        int lastFanIn = 1;
        for (var p : block.getParameters()) {
            Parameter param = p.getValue();
            NDArray array = param.getArray();
            Shape shape = array.getShape();
            switch (param.getType()) {
                case WEIGHT -> {
                    lastFanIn = fanIn(shape);
                    switch (scheme) {
                        case GAUSSIAN -> write(array, rng::nextGaussian);
                        case ABS_GAUSSIAN -> write(array, () -> Math.abs(rng.nextGaussian()));
                        case PYTORCH_DEFAULT -> {
                            double b = 1.0 / Math.sqrt(lastFanIn);
                            write(array, () -> rng.nextDouble(-b, b));
                        }
                    }
                }
                case BIAS -> {
                    if (scheme == Scheme.PYTORCH_DEFAULT) {
                        double b = 1.0 / Math.sqrt(lastFanIn);
                        write(array, () -> rng.nextDouble(-b, b));
                    } else {
                        write(array, () -> 0.0);
                    }
                }
                case GAMMA -> write(array, () -> 1.0);
                case BETA -> write(array, () -> 0.0);
                case RUNNING_MEAN -> {
                    if (resetRunningStats) {
                        write(array, () -> 0.0);
                    }
                }
                case RUNNING_VAR -> {
                    if (resetRunningStats) {
                        write(array, () -> 1.0);
                    }
                }
                default -> { }
            }
        }
    }

    /** fan_in of a weight: product of all but the first dimension (conv: in/groups·k², linear: in). */
    static int fanIn(Shape shape) {
        long f = 1;
        for (int i = 1; i < shape.dimension(); i++) {
            f *= shape.get(i);
        }
        return (int) Math.max(1, f);
    }

    /** Writes generated values into {@code array} (float32 or float64) through a reused direct buffer. */
    public static void write(NDArray array, java.util.function.DoubleSupplier values) {
        int n = Math.toIntExact(array.size());
        DataType type = array.getDataType();
        ByteBuffer buf;
        if (type == DataType.FLOAT32) {
            buf = buffer(n * 4L);
            for (int i = 0; i < n; i++) {
                buf.putFloat(i * 4, (float) values.getAsDouble());
            }
        } else if (type == DataType.FLOAT64) {
            buf = buffer(n * 8L);
            for (int i = 0; i < n; i++) {
                buf.putDouble(i * 8, values.getAsDouble());
            }
        } else {
            throw new ProxyException("cannot initialise a parameter of type " + type + " (float32/float64 only)");
        }
        // NDManager.create(direct buffer) aliases the buffer's memory, so copy into the parameter's own storage
        // (an in-place index copy keeps the tensor, its requires-grad flag and every reference to it valid).
        try (NDArray view = array.getManager().create(exact(buf, n * type.getNumOfBytes()), array.getShape(), type)) {
            array.set(ALL, view);
        }
    }

    private static final NDIndex ALL = new NDIndex("...");

    private static ByteBuffer exact(ByteBuffer buf, long bytes) {
        ByteBuffer view = buf.duplicate();
        view.position(0).limit((int) bytes);
        return view.slice().order(ByteOrder.nativeOrder());
    }

    /** Creates a {@code shape} array in {@code manager} filled from {@code values}. */
    public static NDArray create(NDManager manager, Shape shape, DataType type,
                                 java.util.function.DoubleSupplier values) {
        NDArray a = manager.create(shape, type);
        write(a, values);
        return a;
    }

    private static ByteBuffer buffer(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new ProxyException("parameter tensor of " + bytes + " bytes is too large to initialise");
        }
        ByteBuffer b = BUFFER.get();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect((int) Math.max(bytes, 1 << 20)).order(ByteOrder.nativeOrder());
            BUFFER.set(b);
        }
        return b;
    }

    /** All parameters of a block tree, in {@link Block#getParameters()} order. */
    static List<Parameter> parameters(Block block) {
        List<Parameter> list = new ArrayList<>();
        block.getParameters().forEach(p -> list.add(p.getValue()));
        return list;
    }
}
