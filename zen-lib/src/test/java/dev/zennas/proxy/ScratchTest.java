package dev.zennas.proxy;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void resnet18() {
        for (ZenConvention c : new ZenConvention[] {ZenConvention.B, ZenConvention.A}) {
            try (BlockTarget t = new BlockTarget("r18", TorchvisionResNets.features(18), 3, 224, 1000)) {
                ProxyResult r = new ZenScore().score(t, ProxySettings.defaults().withBatchSize(16).withRepeats(2).withConvention(c));
                System.out.println(c + " " + r + " " + java.util.Arrays.toString(r.values()) + java.util.Arrays.toString(r.parts().get("bn_term")));
            }
        }
    }
}
