package dev.zennas.doc;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from a test's working directory (Maven runs the tests in {@code zen-lib/}). */
public final class RepositoryFiles {
    private RepositoryFiles() {}

    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))
                    && Files.isDirectory(p.resolve("zen-lib"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
