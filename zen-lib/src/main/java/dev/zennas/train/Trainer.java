package dev.zennas.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.zennas.arch.Structure;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.DirectForward;
import dev.zennas.net.ZenNetBuilder;
import dev.zennas.net.ZenNetwork;
import dev.zennas.proxy.NetInit;
import dev.zennas.train.data.Batch;
import dev.zennas.train.data.BatchLoader;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains one deployed network (residual links; SE when asked) with a {@link TrainRecipe}.
 *
 * <p><b>The fast path</b> ({@link #step}) runs the forward on raw arrays through {@link DirectForward}, keeps
 * activations channels-last when the recipe asks (oneDNN's convolutions and batch norm are markedly faster on CPU in
 * that layout), closes each intermediate as soon as its consumer has run (autograd keeps what backward needs), and
 * updates the weights in place with {@link NesterovSgd}. {@link #blockApiLossAndGradients} runs the same step
 * through DJL's Block API and serves as the oracle the fast path must match.
 *
 * <p>Memory: parameters, their gradients and the optimiser state live in this trainer's manager; everything a step
 * creates lives in a sub-manager closed at the end of the step, so memory stays flat over any number of steps.
 */
public final class Trainer implements AutoCloseable {

    /** What one step did. */
    public record StepResult(double loss, double lr) {
    }

    private final ZenNetwork network;
    private final TrainRecipe recipe;
    private final NDManager manager;
    private final NesterovSgd optimizer;
    private final List<BatchNorm2d> batchNorms;

    private Trainer(ZenNetwork network, TrainRecipe recipe, NDManager manager) {
        this.network = network;
        this.recipe = recipe;
        this.manager = manager;
        this.optimizer = NesterovSgd.of(recipe, network.block(), manager);
        this.batchNorms = DirectForward.batchNorms(network.block());
    }

    /**
     * Builds and initialises the deployed network of {@code structure} for {@code numClasses} classes at
     * {@code resolution}, with weights drawn from {@code initSeed}.
     */
    public static Trainer create(Structure structure, TrainRecipe recipe, int resolution, int numClasses, boolean se,
                                 long initSeed) {
        ZenNetBuilder.Options options = ZenNetBuilder.Options.training(resolution, numClasses, se)
                .withBnMomentum(recipe.bnMomentum());
        ZenNetwork network = ZenNetBuilder.build(structure, options);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        try {
            JniUtils.setGradMode(false);
            NetInit.prepare(network.block(), manager, DataType.FLOAT32, network.inputShape(1));
            TrainInit.apply(network.block(), recipe, new SplittableRandom(initSeed));
            for (var p : network.block().getParameters()) {
                Parameter param = p.getValue();
                param.getArray().setRequiresGradient(param.requiresGradient());
            }
            return new Trainer(network, recipe, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ZenNetwork network() {
        return network;
    }

    public TrainRecipe recipe() {
        return recipe;
    }

    public NesterovSgd optimizer() {
        return optimizer;
    }

    /** Every parameter array of the network (running statistics included), in {@code getParameters()} order. */
    public List<NDArray> parameterArrays() {
        List<NDArray> list = new ArrayList<>();
        for (var p : network.block().getParameters()) {
            list.add(p.getValue().getArray());
        }
        return list;
    }

    /** Overwrites every parameter array (and the momentum buffers, when given) from saved values. */
    public void load(List<NDArray> params, List<NDArray> momentum) {
        List<NDArray> mine = parameterArrays();
        if (params.size() != mine.size()) {
            throw new IllegalArgumentException("saved weights hold " + params.size() + " tensors, the network has " + mine.size());
        }
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < mine.size(); i++) {
                if (!mine.get(i).getShape().equals(params.get(i).getShape())) {
                    throw new IllegalArgumentException("saved tensor " + i + " has shape " + params.get(i).getShape()
                            + ", the network's has " + mine.get(i).getShape() + " (another structure?)");
                }
                mine.get(i).set(new ai.djl.ndarray.index.NDIndex("..."), params.get(i));
            }
            if (momentum != null) {
                optimizer.loadBuffers(momentum);
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /** One training step on {@code batch} at learning rate {@code lr}: forward, loss, backward, update. */
    public StepResult step(Batch batch, double lr) {
        double loss = fastLossAndGradients(batch);
        optimizer.step(lr);
        return new StepResult(loss, lr);
    }

    /**
     * The forward through {@link DirectForward} plus the head (global average pool, linear), on raw arrays.
     *
     * @param stats external BN statistics per BN layer (as {@link DirectForward} takes them), or null
     */
    NDArray fastForward(NDArray x, boolean training, NDArray[][] stats) {
        DirectForward f = new DirectForward(network.features(), training, stats, recipe.channelsLast());
        NDArray features = f.run(network.features(), x);
        NDArray pooled = features.getNDArrayInternal().globalAvgPool().reshape(features.getShape().get(0),
                features.getShape().get(1));
        if (features != x) {
            features.close();
        }
        NDArray w = network.head().weight().getArray();
        NDArray b = network.head().bias().getArray();
        return pooled.getNDArrayInternal().linear(pooled, w, b).singletonOrThrow();
    }

    /** −mean over the batch of Σ_k t_k · log softmax(z)_k: cross-entropy against soft targets (smoothing, mixup). */
    static NDArray softTargetCrossEntropy(NDArray logits, NDArray targets) {
        long n = logits.getShape().get(0);
        return logits.logSoftmax(1).mul(targets).sum().neg().div((float) n);
    }

    /**
     * The same loss and gradients through DJL's Block API (the whole network's {@code forward}), for tests: returns
     * the loss and leaves the gradients on the parameters. No update, BN statistics do move.
     */
    public double blockApiLossAndGradients(Batch batch) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = images(scratch, batch);
            NDArray t = targets(scratch, batch);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits = network.block().forward(new ParameterStore(scratch, false), new NDList(x), true)
                        .singletonOrThrow();
                NDArray l = softTargetCrossEntropy(logits, t);
                collector.backward(l);
                return l.getFloat();
            }
        }
    }

    /** The fast path's loss and gradients, left on the parameters for the update (BN statistics move). */
    public double fastLossAndGradients(Batch batch) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = images(scratch, batch);
            NDArray t = targets(scratch, batch);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = softTargetCrossEntropy(fastForward(x, true, null), t);
                collector.backward(l);
                return l.getFloat();
            }
        }
    }

    /** Copies of the current gradients of the trainable parameters (optimiser order), as float arrays. */
    public List<float[]> gradients() {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : optimizer.parameters()) {
            try (NDArray g = p.getArray().getGradient()) {
                out.add(g.toFloatArray());
            }
        }
        return out;
    }

    /** Zeros every gradient (tests compare two paths on one network). */
    public void zeroGradients() {
        for (Parameter p : optimizer.parameters()) {
            JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.getArray());
        }
    }

    /**
     * Top-1 accuracy (in %) on every batch of {@code test}, in eval mode. With {@code recalibration} batches given,
     * BN statistics are first re-estimated as the average of their batch statistics (unbiased variance) over those
     * training batches and used for this evaluation only; the network's own running statistics are not changed.
     */
    public double evaluate(BatchLoader test, List<Batch> recalibration) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray[][] stats = recalibration == null || recalibration.isEmpty() ? null
                    : reestimate(scratch, recalibration);
            long correct = 0;
            long total = 0;
            while (test.hasNext()) {
                Batch b = test.next();
                try (NDManager m = scratch.newSubManager()) {
                    NDArray logits = fastForward(images(m, b), false, stats);
                    int[] predicted = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                    for (int i = 0; i < b.size(); i++) {
                        if (predicted[i] == b.labels()[i]) {
                            correct++;
                        }
                    }
                    total += b.size();
                }
            }
            if (total == 0) {
                throw new IllegalArgumentException("the test set is empty");
            }
            return 100.0 * correct / total;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    private NDArray[][] reestimate(NDManager m, List<Batch> batches) {
        int n = batchNorms.size();
        NDArray[][] sum = new NDArray[n][2];
        for (int i = 0; i < n; i++) {
            Shape s = new Shape(batchNorms.get(i).channels());
            sum[i][0] = m.zeros(s);
            sum[i][1] = m.zeros(s);
        }
        for (Batch b : batches) {
            try (NDManager step = m.newSubManager()) {
                NDArray[][] batchStats = new NDArray[n][2];
                for (int i = 0; i < n; i++) {
                    Shape s = new Shape(batchNorms.get(i).channels());
                    batchStats[i][0] = step.zeros(s);
                    batchStats[i][1] = step.ones(s);
                }
                // momentum 1: the "running" statistics become this batch's statistics
                DirectForward f = new DirectForward(network.features(), true, batchStats, recipe.channelsLast(), 1.0);
                f.run(network.features(), images(step, b));
                for (int i = 0; i < n; i++) {
                    sum[i][0].addi(batchStats[i][0]);
                    sum[i][1].addi(batchStats[i][1]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            sum[i][0].divi((float) batches.size());
            sum[i][1].divi((float) batches.size());
        }
        return sum;
    }

    /** The batch's images as an [N,C,H,W] array, stored channels-last when the recipe asks. */
    NDArray images(NDManager m, Batch b) {
        int r = network.options().resolution();
        int c = network.structure().inChannels();
        if (b.channelsLast() != recipe.channelsLast()) {
            throw new IllegalArgumentException("batch layout (channels-last " + b.channelsLast()
                    + ") differs from the recipe's (" + recipe.channelsLast() + ")");
        }
        if (b.channelsLast()) {
            NDArray stored = m.create(FloatBuffer.wrap(b.images(), 0, b.size() * c * r * r), new Shape(b.size(), r, r, c));
            return stored.transpose(0, 3, 1, 2);
        }
        return m.create(FloatBuffer.wrap(b.images(), 0, b.size() * c * r * r), new Shape(b.size(), c, r, r));
    }

    private static NDArray targets(NDManager m, Batch b) {
        return m.create(FloatBuffer.wrap(b.targets(), 0, b.size() * b.numClasses()), new Shape(b.size(), b.numClasses()));
    }

    /**
     * A rough upper estimate of the memory one training step needs at {@code batch}: the activations kept for
     * backward and their gradients, plus weights, gradients and momentum.
     */
    public static long estimateStepBytes(ZenNetwork network, int batch) {
        long activations = dev.zennas.proxy.Activations.elements(network.features(), network.inputShape(1));
        long params = 0;
        for (var p : network.block().getParameters()) {
            Parameter param = p.getValue();
            params += param.isInitialized() ? param.getArray().size() : 0;
        }
        // 1.5 floats per activation element: measured peak resident memory of whole training processes (JVM
        // included) was 0.40x of 3 per element on the released CIFAR-1M net (1.65 GiB at batch 64) and on a net
        // with 640 channels at full resolution (7.0 GiB), so 1.5 stays an upper bound by about a quarter while not
        // refusing networks that train fine
        return 4L * (3L * activations * batch / 2 + 3L * params);
    }

    @Override
    public void close() {
        manager.close();
    }
}
