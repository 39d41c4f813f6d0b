package dev.zennas.study;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.zennas.proxy.NetInit;
import dev.zennas.proxy.ProxyException;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ProxyTarget;
import dev.zennas.proxy.Seeds;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.nasbench.BenchmarkNetworks;
import dev.zennas.nasbench.BenchmarkTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SynFlow in the convention of NAS-Bench-Suite-Zero / Abdelfattah et al. ({@code foresight}/NASLib
 * {@code synflow}, registered there with {@code bn=False}), for benchmark networks: the network is built
 * <b>without BatchNorm</b>, keeps PyTorch's default initialisation (U(±1/√fan_in)), every parameter is replaced by
 * its absolute value, the input is one all-ones image in float64, and the score is
 * Σ over conv and linear layers of Σ |W ⊙ ∂(Σ logits)/∂W|.
 *
 * <p>Why a second SynFlow: the workbench's {@code synflow} follows the official Zen-NAS code (|N(0,1)| weights,
 * train-mode BN on the single image, per-layer mean, negated), which ranks NB201 cells very differently from the
 * Suite-Zero values (ρ vs accuracy 0.25 instead of 0.74 on the Suite-Zero subset). Registered in the study and CLI
 * as {@code synflow-naslib}.
 */
public final class SuiteZeroSynFlow implements ZeroShotProxy {
    /** Registry name. */
    public static final String NAME = "synflow-naslib";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public ProxyResult score(ProxyTarget target, ProxySettings settings) {
        if (!(target instanceof BenchmarkTarget bt)) {
            throw new ProxyException(NAME + " needs an NB201 / NATS-SSS target (it rebuilds the network without BN),"
                    + " got " + target.id());
        }
        Engine.getInstance();
        int repeats = settings.repeats();
        double[] values = new double[repeats];
        boolean gradMode = JniUtils.isGradMode();
        long start = System.nanoTime();
        int resolution = settings.resolutionFor(target);
        Shape input = new Shape(1, 3, resolution, resolution);
        try (NDManager base = NDManager.newBaseManager()) {
            for (int r = 0; r < repeats; r++) {
                try (NDManager m = base.newSubManager()) {
                    values[r] = once(bt, m, input, Seeds.forRepeat(settings.seed(), r));
                }
            }
        } catch (EngineException e) {
            throw new ProxyException(NAME + " failed on " + target.id() + ": " + e.getMessage(), e);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return ProxyResult.of(NAME, values, (System.nanoTime() - start) / 1e9 / repeats, Map.of());
    }

    private static double once(BenchmarkTarget target, NDManager m, Shape input, SplittableRandom rng) {
        BenchmarkNetworks.Network net = BenchmarkNetworks.build(target.spec(), target.numClasses(), false);
        NetInit.prepare(net.features(), m, DataType.FLOAT64, input);
        NetInit.prepare(net.head(), m, DataType.FLOAT64, net.features().getOutputShapes(new Shape[] {input})[0]);
        NetInit.fill(net.features(), rng, NetInit.Scheme.PYTORCH_DEFAULT, true);
        NetInit.fill(net.head(), rng, NetInit.Scheme.PYTORCH_DEFAULT, true);
        List<Parameter> params = new ArrayList<>();
        net.features().getParameters().forEach(pair -> params.add(pair.getValue()));
        net.head().getParameters().forEach(pair -> params.add(pair.getValue()));
        for (Parameter p : params) { // "linearize": every parameter becomes |p|
            NDArray a = p.getArray();
            double[] abs = a.toType(DataType.FLOAT64, false).abs().toDoubleArray();
            int[] k = {0};
            NetInit.write(a, () -> abs[k[0]++]);
        }
        JniUtils.setGradMode(true);
        try {
            NDArray ones = m.ones(input, DataType.FLOAT64);
            ParameterStore ps = new ParameterStore(m, false);
            NDList features = net.features().forward(ps, new NDList(ones), true);
            NDArray logits = net.head().forward(ps, features, true).singletonOrThrow();
            NDArray total = logits.sum();
            try (NDArray seed = total.onesLike()) {
                JniUtils.backward((PtNDArray) total, (PtNDArray) seed, false, false);
            }
            double score = 0;
            for (Parameter p : params) {
                NDArray w = p.getArray();
                int dims = w.getShape().dimension();
                if (p.getType() != Parameter.Type.WEIGHT || (dims != 4 && dims != 2) || !w.hasGradient()) {
                    continue;
                }
                score += w.mul(w.getGradient()).abs().sum().getDouble();
            }
            return score;
        } finally {
            JniUtils.setGradMode(false);
        }
    }
}
