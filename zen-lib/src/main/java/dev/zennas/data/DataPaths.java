package dev.zennas.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the workbench's data files (ground truth of NAS benchmarks, reference tables) without copying them into
 * the repository.
 *
 * <p>Search order, first hit wins: the environment variable {@code ZEN_DATA}, the system property
 * {@code zen.data}, then {@code ./data}, {@code ../shared/data} and {@code ../../shared/data} relative to the
 * process working directory. The last one exists because surefire runs tests in {@code zen-lib/}.
 */
public final class DataPaths {
    /** Environment variable naming the data root. */
    public static final String ENV = "ZEN_DATA";
    /** System property naming the data root (handy in notebooks and tests). */
    public static final String PROPERTY = "zen.data";

    private DataPaths() {
    }

    /**
     * Resolves a file below the data root.
     *
     * @param relative path below the data root, e.g. {@code nasbench/nb201.csv}
     * @return the existing file
     * @throws DataNotFoundException naming the file and every place searched when it exists nowhere
     */
    public static Path find(String relative) {
        if (relative == null || relative.isBlank()) {
            throw new IllegalArgumentException("relative data path must not be empty");
        }
        List<Path> roots = searchRoots();
        for (Path root : roots) {
            Path candidate = root.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new DataNotFoundException(relative, roots);
    }

    /** The candidate data roots, in search order (they need not exist). */
    public static List<Path> searchRoots() {
        List<Path> roots = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            roots.add(Paths.get(env));
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            roots.add(Paths.get(prop));
        }
        roots.add(Paths.get("data"));
        roots.add(Paths.get("..", "shared", "data"));
        roots.add(Paths.get("..", "..", "shared", "data"));
        return roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }
}
