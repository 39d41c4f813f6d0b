package dev.zennas.search;

import dev.zennas.proxy.Proxies;
import dev.zennas.scoring.ProxySpec;
import java.util.List;

/**
 * The search's view of the one proxy registry ({@link Proxies}): a {@link CandidateScorer} for a proxy spec.
 * Every registered name works, case-insensitively: the zero-shot proxies ({@code zen}, {@code naswot}, …), the
 * analytic fitnesses ({@code analytic-params}, {@code analytic-flops}) and the stand-ins of tests and dry runs
 * ({@code test-hash}, {@code test-hash-slow}); add a fitness with {@link Proxies#register}.
 */
public final class Scorers {
    private Scorers() {}

    /** A new scorer of {@code search}'s candidates with {@code spec}. */
    public static CandidateScorer create(SearchSettings search, ProxySpec spec) {
        if (!Proxies.exists(spec.proxy())) {
            throw new IllegalArgumentException("unknown proxy '" + spec.proxy() + "' (known: " + String.join(", ", names()) + ")");
        }
        return new ProxyScorer(search, spec);
    }

    /** Whether a name is registered. */
    public static boolean exists(String name) {
        return Proxies.exists(name);
    }

    /** Registered names in registration order. */
    public static List<String> names() {
        return Proxies.names();
    }
}
