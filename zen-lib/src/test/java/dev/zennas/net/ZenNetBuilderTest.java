package dev.zennas.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.zennas.arch.Counts;
import dev.zennas.arch.Expansion;
import dev.zennas.arch.Layer;
import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import dev.zennas.blocks.BatchNorm2d;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ZenNetBuilderTest {

    /** Conventions §3.6 "deployed params" column (deployed nets: residual links, projections, SE where released with SE). */
    private static final Map<String, Long> TRUE_PARAMS = Map.ofEntries(
            Map.entry("zennet_cifar10_model_size05M_res32", 500_466L),
            Map.entry("zennet_cifar100_model_size05M_res32", 546_636L),
            Map.entry("zennet_cifar10_model_size1M_res32", 994_674L),
            Map.entry("zennet_cifar100_model_size1M_res32", 1_040_844L),
            Map.entry("zennet_cifar10_model_size2M_res32", 1_981_810L),
            Map.entry("zennet_cifar100_model_size2M_res32", 2_027_980L),
            Map.entry("zennet_imagenet1k_latency01ms_res224", 30_068_776L),
            Map.entry("zennet_imagenet1k_latency02ms_res224", 49_681_944L),
            Map.entry("zennet_imagenet1k_latency03ms_res224", 85_379_160L),
            Map.entry("zennet_imagenet1k_latency05ms_res224", 118_179_592L),
            Map.entry("zennet_imagenet1k_latency08ms_res224", 182_504_488L),
            Map.entry("zennet_imagenet1k_latency12ms_res224", 180_593_736L));

    static Iterable<String> releasedNames() {
        return ReleasedNets.names();
    }

    /** Trainable tensor elements (running statistics excluded), from the parameters' fixed shapes. */
    static long tensorParams(Block block) {
        long n = 0;
        for (var p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.getType() != Parameter.Type.RUNNING_MEAN && param.getType() != Parameter.Type.RUNNING_VAR) {
                n += param.getShape().size();
            }
        }
        return n;
    }

    @ParameterizedTest
    @MethodSource("releasedNames")
    void deployedTensorParamsEqualTrueCounts(String name) {
        ReleasedNet net = ReleasedNets.get(name);
        ZenNetwork deployed = ZenNetBuilder.build(net.structure(),
                ZenNetBuilder.Options.training(net.resolution(), net.numClasses(), net.se()));
        long tensor = tensorParams(deployed.block());
        assertThat(tensor).isEqualTo(Counts.of(net.structure(), net.resolution(), net.numClasses(), net.se()).params());
        if (TRUE_PARAMS.containsKey(name)) {
            assertThat(tensor).isEqualTo(TRUE_PARAMS.get(name));
        }
    }

    @ParameterizedTest
    @MethodSource("releasedNames")
    void noResidualNetworkHasTheExpandedBnLayersAndNoProjections(String name) {
        ReleasedNet net = ReleasedNets.get(name);
        ZenNetwork plain = ZenNetBuilder.proxyNetwork(net.structure(), net.resolution(), net.numClasses());
        long bn = Expansion.of(net.structure(), false, false).stream().filter(l -> l instanceof Layer.BatchNorm).count();
        long found = plain.features().getChildren().values().stream().filter(b -> b instanceof BatchNorm2d).count();
        assertThat(found).isEqualTo(bn).isEqualTo(Counts.of(net.structure(), net.resolution(), net.numClasses()).batchNormLayers(false));
        plain.features().getChildren().values().stream().filter(b -> b instanceof BatchNorm2d)
                .forEach(b -> assertThat(((BatchNorm2d) b).eps()).isEqualTo(1e-3));
    }

    @Test
    void cifarReleasedNetsForwardAt32WithAnalyticShapes() {
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
        for (ReleasedNet net : ReleasedNets.all()) {
            if (net.resolution() != 32) {
                continue;
            }
            for (boolean residual : new boolean[] {true, false}) {
                try (NDManager m = NDManager.newBaseManager()) {
                    ZenNetwork z = ZenNetBuilder.build(net.structure(), ZenNetBuilder.Options
                            .training(32, net.numClasses(), net.se()).withResidual(residual));
                    z.block().initialize(m, DataType.FLOAT32, z.inputShape(1));
                    NDArray x = m.randomNormal(z.inputShape(2));
                    ParameterStore ps = new ParameterStore(m, false);
                    NDArray f = z.features().forward(ps, new NDList(x), true).singletonOrThrow();
                    assertThat(f.getShape()).isEqualTo(z.featureShape(2));
                    assertThat(f.getShape()).isEqualTo(new Shape(2, net.structure().outChannels(), 4, 4));
                    NDArray logits = z.block().forward(ps, new NDList(x), false).singletonOrThrow();
                    assertThat(logits.getShape()).isEqualTo(new Shape(2, net.numClasses()));
                    assertThat(logits.isInfinite().any().getBoolean() || logits.isNaN().any().getBoolean()).isFalse();
                }
            }
        }
    }

    @Test
    void imagenetFlopsNetWithSeForwardsAt224Batch1() {
        forwardImageNet("zennet_imagenet1k_flops400M_SE_res224");
    }

    /** Every ImageNet net at 224, batch 1, eval mode (the latency nets hold up to 180M parameters). */
    @Tag("slow")
    @EnabledIfEnvironmentVariable(named = "ZEN_SLOW_TESTS", matches = "1")
    @ParameterizedTest
    @MethodSource("releasedNames")
    void everyReleasedImageNetNetForwardsAt224Batch1(String name) {
        if (ReleasedNets.get(name).resolution() == 224) {
            forwardImageNet(name);
        }
    }

    private static void forwardImageNet(String name) {
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
        ReleasedNet net = ReleasedNets.get(name);
        try (NDManager m = NDManager.newBaseManager()) {
            ZenNetwork z = ZenNetBuilder.build(net.structure(), ZenNetBuilder.Options.training(224, net.numClasses(), net.se()));
            z.block().initialize(m, DataType.FLOAT32, z.inputShape(1));
            NDArray x = m.randomNormal(z.inputShape(1));
            NDArray logits = z.block().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(1, 1000));
            assertThat(z.featureShape(1)).isEqualTo(new Shape(1, net.structure().outChannels(), 7, 7));
        }
    }

    @Test
    void initialCifarStructureBuildsBothVariants() {
        Structure s = Structure.parse("SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,1,8,1)SuperResK3K3(16,32,2,16,1)"
                + "SuperResK3K3(32,64,2,32,1)SuperResK3K3(64,64,2,32,1)SuperConvK1BNRELU(64,128,1,1)");
        ZenNetwork plain = ZenNetBuilder.proxyNetwork(s, 32, 100);
        assertThat(plain.featureShape(1)).isEqualTo(new Shape(1, 128, 4, 4));
        assertThat(tensorParams(ZenNetBuilder.build(s, ZenNetBuilder.Options.training(32, 100, false)).block()))
                .isEqualTo(Counts.of(s, 32, 100, false).params());
    }
}
