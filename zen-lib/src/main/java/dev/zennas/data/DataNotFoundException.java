package dev.zennas.data;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a data file (ground truth CSV, reference table, ...) cannot be found in any of the places that
 * {@link DataPaths} searches. The message names the file and every place searched, so the user can fix the
 * set-up (usually: set {@code ZEN_DATA}) without reading code.
 */
public class DataNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String relativePath;
    private final List<Path> searched;

    /**
     * @param relativePath the file asked for, relative to the data root (e.g. {@code nasbench/nb201.csv})
     * @param searched the candidate data roots that were tried, in order
     */
    public DataNotFoundException(String relativePath, List<Path> searched) {
        super("data file '" + relativePath + "' not found; searched: "
                + searched.stream().map(p -> p.resolve(relativePath).toString()).collect(Collectors.joining(", "))
                + " (set the environment variable ZEN_DATA to the folder that holds '" + relativePath + "')");
        this.relativePath = relativePath;
        this.searched = List.copyOf(searched);
    }

    /** The file that was asked for, relative to a data root */
    public String relativePath() {
        return relativePath;
    }

    /** The data roots that were searched, in order. */
    public List<Path> searched() {
        return searched;
    }
}
