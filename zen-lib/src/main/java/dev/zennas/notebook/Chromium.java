package dev.zennas.notebook;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders HTML pages to PNG with headless Chromium (Debian package {@code chromium}).
 *
 * <p>Each render uses a fresh profile directory and switches off everything that would reach the network
 * (background networking, component updates, sync, QUIC). {@code --virtual-time-budget} lets plotly finish
 * drawing before the screenshot. Renders are serialised: two Chromiums at once only slow a 2-core machine down.
 * The binary is taken from {@code ZEN_CHROMIUM} (environment or system property), else the first of
 * {@code chromium}, {@code chromium-browser}, {@code google-chrome}, {@code google-chrome-stable},
 * {@code headless_shell} on the {@code PATH}.
 */
public final class Chromium {

    /** A render that did not produce a PNG; the message says why. */
    public static final class RenderException extends RuntimeException {
        public RenderException(String message) {
            super(message);
        }
    }

    private static final String[] NAMES = {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
        "headless_shell"};
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final long TIMEOUT_S = 90;
    private static final Object LOCK = new Object();

    private Chromium() {
    }

    /** The Chromium binary, if one is installed. */
    public static Optional<Path> locate() {
        String explicit = Display.setting("ZEN_CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Why there can be no PNG, or empty when Chromium is available. */
    public static Optional<String> unavailableReason() {
        if (locate().isPresent()) {
            return Optional.empty();
        }
        String explicit = Display.setting("ZEN_CHROMIUM");
        return Optional.of(explicit != null && !explicit.isBlank()
                ? "ZEN_CHROMIUM=" + explicit + " is not an executable file"
                : "Chromium is not installed (no chromium on the PATH; kernel-setup/install installs the Debian"
                        + " package)");
    }

    /** True when {@code bytes} start with the 8-byte PNG signature. */
    public static boolean isPng(byte[] bytes) {
        if (bytes == null || bytes.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (bytes[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Screenshots {@code html} (a complete page) in a {@code width} x {@code height} window.
     *
     * @throws RenderException when Chromium is missing, fails, times out or writes no PNG
     */
    public static byte[] screenshot(String html, int width, int height) {
        if (width < 16 || height < 16 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("window size " + width + "x" + height + " outside 16..8000");
        }
        Path binary = locate().orElseThrow(() -> new RenderException(unavailableReason().orElse("no Chromium")));
        synchronized (LOCK) {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("zen-chromium-");
                Path page = dir.resolve("page.html");
                Path png = dir.resolve("shot.png");
                Path log = dir.resolve("chromium.log");
                Files.writeString(page, html, StandardCharsets.UTF_8);
                List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-extensions",
                        "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                        "--force-device-scale-factor=1", "--user-data-dir=" + dir.resolve("profile"),
                        "--virtual-time-budget=5000", "--window-size=" + width + "," + height,
                        "--screenshot=" + png, page.toUri().toString()));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                    throw new RenderException("Chromium did not finish within " + TIMEOUT_S + " s");
                }
                byte[] bytes = Files.exists(png) ? Files.readAllBytes(png) : new byte[0];
                if (!isPng(bytes)) {
                    throw new RenderException("Chromium exited with " + p.exitValue() + " and wrote no PNG: "
                            + tail(log));
                }
                return bytes;
            } catch (IOException e) {
                throw new RenderException("Chromium could not be run: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RenderException("interrupted while Chromium was rendering");
            } finally {
                deleteQuietly(dir);
            }
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8).strip();
            return s.length() > 400 ? "..." + s.substring(s.length() - 400) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
