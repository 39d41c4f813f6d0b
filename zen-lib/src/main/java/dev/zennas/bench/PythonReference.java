package dev.zennas.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a PyTorch reference script of {@code bench/} side by side with a Java benchmark: the script prints JSON lines,
 * the last one is its result.
 */
public final class PythonReference {

    private PythonReference() {
    }

    /** {@code bench/NAME} relative to the working directory, or to the jar (zen-lib/target/..). */
    public static Path findScript(String name) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("bench", name));
        candidates.add(Path.of("..", "bench", name));
        try {
            Path jar = Path.of(PythonReference.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent();
            for (int i = 0; i < 3 && root != null; i++) {
                candidates.add(root.resolve("bench").resolve(name));
                root = root.getParent();
            }
        } catch (Exception ignored) {
            // fall through to the relative candidates
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("bench/" + name + " not found (looked in " + candidates + ")");
    }

    /** Runs {@code python script args…} and returns its last JSON line; fails with the output's tail. */
    public static JsonObject run(String python, Path script, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.add(script.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String last = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("{")) {
                    last = line;
                }
            }
        }
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0 || last == null) {
                p.destroyForcibly();
                String tail = all.length() > 300 ? all.substring(all.length() - 300) : all.toString();
                throw new IOException(python + " exited with " + (p.isAlive() ? "timeout" : p.exitValue()) + ": "
                        + tail.replace('\n', ' '));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return JsonParser.parseString(last).getAsJsonObject();
    }
}
