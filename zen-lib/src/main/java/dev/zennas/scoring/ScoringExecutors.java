package dev.zennas.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds executor kinds by name: {@code local} is built in, others come from modules on the class path. */
public final class ScoringExecutors {
    private ScoringExecutors() {
    }

    /** A new executor of kind {@code name} (case-insensitive). */
    public static ScoringExecutor create(String name, Map<String, String> options) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ScoringExecutorProvider p : providers()) {
            if (p.name().equalsIgnoreCase(key)) {
                return p.create(options == null ? Map.of() : options);
            }
        }
        throw new IllegalArgumentException("unknown scoring executor '" + name + "' (available: "
                + String.join(", ", names()) + ")");
    }

    /** The names of the kinds on the class path, {@code local} first. */
    public static List<String> names() {
        return providers().stream().map(ScoringExecutorProvider::name).toList();
    }

    private static List<ScoringExecutorProvider> providers() {
        List<ScoringExecutorProvider> all = new ArrayList<>();
        all.add(new LocalExecutor.Provider());
        for (ScoringExecutorProvider p : ServiceLoader.load(ScoringExecutorProvider.class,
                ScoringExecutors.class.getClassLoader())) {
            if (!p.name().equalsIgnoreCase(LocalExecutor.NAME)) {
                all.add(p);
            }
        }
        return all;
    }
}
