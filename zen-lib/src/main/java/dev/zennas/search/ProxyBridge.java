package dev.zennas.search;

import dev.zennas.proxy.Proxies;

/** Registers every zero-shot proxy of {@code dev.zennas.proxy} (zen, naswot, te-nas, …) as a scorer. */
final class ProxyBridge {
    private ProxyBridge() {}

    static void registerAll() {
        for (String name : Proxies.names()) Scorers.register(name, ProxyScorer::new);
    }
}
