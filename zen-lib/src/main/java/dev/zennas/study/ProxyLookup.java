package dev.zennas.study;

import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.proxy.ZenScore;

/** Finds tensor proxies by name for the study. */
final class ProxyLookup {
    private ProxyLookup() {
    }

    static ZeroShotProxy get(String name) {
        return switch (name) {
            case "zen" -> new ZenScore();
            default -> throw new IllegalArgumentException("unknown proxy '" + name + "'; known: params, flops, zen");
        };
    }
}
