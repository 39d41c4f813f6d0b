package dev.zennas.proxy;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void all() {
        ProxyTarget t = Proxies.target("zennet_cifar10_model_size1M_res32");
        ProxyResult z = Proxies.get("zen").score(t, ProxySettings.defaults().withRepeats(3));
        System.out.println(z + " " + java.util.Arrays.toString(z.values()));
        ProxyTarget init = Proxies.target("SuperConvK3BNRELU(3,8,1,1)SuperResK3K3(8,16,1,8,1)SuperResK3K3(16,32,2,16,1)SuperResK3K3(32,64,2,32,1)SuperResK3K3(64,64,2,32,1)SuperConvK1BNRELU(64,128,1,1)");
        for (String p : Proxies.names()) {
            int b = p.equals("naswot") ? 8 : 64;
            ProxyResult r = Proxies.get(p).score(init, ProxySettings.defaults().withBatchSize(b).withRepeats(2));
            System.out.println(r + " " + java.util.Arrays.toString(r.values()) + " " + r.parts().keySet());
        }
    }
}
