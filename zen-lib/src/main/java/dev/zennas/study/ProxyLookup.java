package dev.zennas.study;

import dev.zennas.proxy.Proxies;
import dev.zennas.proxy.ZeroShotProxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds tensor proxies by name for the study and the CLI: the {@link Proxies} registry plus the benchmark-only
 * {@code synflow-naslib} ({@link SuiteZeroSynFlow}).
 */
public final class ProxyLookup {
    private ProxyLookup() {
    }

    /** The proxy called {@code name}; IllegalArgumentException listing the known names otherwise. */
    public static ZeroShotProxy get(String name) {
        if (SuiteZeroSynFlow.NAME.equalsIgnoreCase(name == null ? "" : name.strip())) {
            return new SuiteZeroSynFlow();
        }
        try {
            return Proxies.get(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown proxy '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
    }

    /** All names the study understands. */
    public static List<String> names() {
        List<String> n = new ArrayList<>(Proxies.names());
        n.add(SuiteZeroSynFlow.NAME);
        return n;
    }
}
