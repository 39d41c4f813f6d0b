package dev.zennas.study;

import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ZeroShotProxy;

/** Finds tensor proxies by name for the study (the {@link Proxies} registry). */
final class ProxyLookup {
    private ProxyLookup() {
    }

    static ZeroShotProxy get(String name) {
        return Proxies.get(name);
    }
}
