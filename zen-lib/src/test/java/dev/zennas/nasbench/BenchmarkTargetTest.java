package dev.zennas.nasbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.zennas.data.NasBenchData;
import dev.zennas.proxy.ProxyNetwork;
import dev.zennas.proxy.ProxySettings;
import org.junit.jupiter.api.Test;

class BenchmarkTargetTest {

    @Test
    void nb201TargetExposesGeometryCostsAndAFreshNetwork() {
        BenchmarkTarget t = BenchmarkSpace.NB201.target(0, BenchmarkDataset.IMAGENET16);
        assertThat(t).isInstanceOf(Nb201Target.class);
        assertThat(t.id()).isEqualTo("nb201:imagenet16:" + NasBenchData.nb201().get(0).archStr());
        assertThat(t.resolution()).isEqualTo(16);
        assertThat(t.numClasses()).isEqualTo(120);
        assertThat(t.inputChannels()).isEqualTo(3);
        assertThat(t.analyticParams().getAsDouble()).isEqualTo(136_456);
        assertThat(t.analyticFlops().getAsDouble()).isCloseTo(3.91948e6, org.assertj.core.api.Assertions.within(1e-3));
        try (NDManager m = NDManager.newBaseManager()) {
            ProxyNetwork a = t.build(m, ProxySettings.defaults());
            ProxyNetwork b = t.build(m, ProxySettings.defaults());
            assertThat(a.features()).isNotSameAs(b.features());
            assertThat(a.head()).isNotNull();
        }
    }

    @Test
    void natsSssTargetAndSpaceLookups() {
        BenchmarkTarget t = BenchmarkSpace.NATS_SSS.target(1, BenchmarkDataset.CIFAR10);
        assertThat(t.id()).isEqualTo("nats-sss:cifar10:8:8:8:8:16");
        assertThat(t.analyticParams().getAsDouble()).isEqualTo(18_386);
        assertThat(BenchmarkSpace.NATS_SSS.accuracy(0, BenchmarkDataset.CIFAR100, "valid_acc")).isEqualTo(32.24);
        assertThat(BenchmarkSpace.NB201.accuracy(0, BenchmarkDataset.CIFAR10, "naslib_acc_s888")).isEqualTo(81.9);
        assertThat(BenchmarkSpace.NB201.isConnected(10)).isFalse();
        assertThat(BenchmarkSpace.parse("NATS_SSS")).isEqualTo(BenchmarkSpace.NATS_SSS);
        assertThatThrownBy(() -> BenchmarkSpace.NB201.target(15_625, BenchmarkDataset.CIFAR10))
                .hasMessageContaining("[0, 15625)");
        assertThatThrownBy(() -> BenchmarkSpace.NATS_SSS.accuracy(0, BenchmarkDataset.CIFAR10, "test_acc"))
                .hasMessageContaining("valid_acc");
        assertThatThrownBy(() -> BenchmarkSpace.parse("nb101")).hasMessageContaining("nb201, nats-sss");
    }

    @Test
    void parameterAuditFindsNoMismatchOnASlice() {
        assertThat(ParameterAudit.audit(BenchmarkSpace.NB201, BenchmarkDataset.CIFAR100, 9900, 9960, null)).isEmpty();
        assertThat(ParameterAudit.audit(BenchmarkSpace.NATS_SSS, BenchmarkDataset.IMAGENET16, 32700, 32768, null))
                .isEmpty();
    }
}
