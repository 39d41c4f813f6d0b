package dev.zennas.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and loads the offline plotly.js bundle ({@code plotly.js-basic-dist-min@2.35.3}, installed by
 * {@code kernel-setup/install} into {@code .kernel/node_modules}). plotly 3+ drops the plain-string titles that
 * Tablesaw 0.44.4 emits, so the 2.x basic bundle is the one to use.
 *
 * <p>Search order: system property or environment variable {@code PLOTLY_JS} (kernel.json sets it), then
 * {@code $ZEN_ROOT/.kernel/...}, then {@code .kernel/...} in the working directory and its parents.
 */
public final class PlotlyJs {

    /** Path of the bundle inside the kernel folder. */
    public static final String RELATIVE = ".kernel/node_modules/plotly.js-basic-dist-min/plotly-basic.min.js";

    private static volatile String cached;
    private static volatile Path cachedPath;

    private PlotlyJs() {
    }

    /** The bundle is not installed: a setup step is missing, not a fault of the workbench. */
    public static final class NotInstalled extends IllegalStateException {
        NotInstalled(String message) {
            super(message);
        }
    }

    /** Where the bundle is, if anywhere. */
    public static Optional<Path> locate() {
        for (Path p : candidates()) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** The bundle's source text (read once). Throws a clear message naming the places searched. */
    public static String source() {
        String s = cached;
        if (s != null) {
            return s;
        }
        synchronized (PlotlyJs.class) {
            if (cached == null) {
                Path p = locate().orElseThrow(() -> new NotInstalled(
                        "plotly.js not found; run kernel-setup/install or set PLOTLY_JS (searched: " + candidates() + ")"));
                try {
                    cached = Files.readString(p, StandardCharsets.UTF_8);
                    cachedPath = p;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + p, e);
                }
            }
            return cached;
        }
    }

    /** The file the cached source came from (null before {@link #source()} succeeded). */
    public static Path loadedFrom() {
        return cachedPath;
    }

    static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String explicit = Display.setting("PLOTLY_JS");
        if (explicit != null && !explicit.isBlank()) {
            out.add(Path.of(explicit));
        }
        String root = Display.setting("ZEN_ROOT");
        if (root != null && !root.isBlank()) {
            out.add(Path.of(root).resolve(RELATIVE));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            out.add(dir.resolve(RELATIVE));
        }
        return out;
    }
}
