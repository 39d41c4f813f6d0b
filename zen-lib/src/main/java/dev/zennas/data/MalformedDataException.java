package dev.zennas.data;

import java.nio.file.Path;

/**
 * A data file exists but does not have the expected layout (missing column, unparsable number, wrong row count).
 * The message names the file, and the line and column where known.
 */
public class MalformedDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public MalformedDataException(Path file, String problem) {
        super("malformed data file " + file + ": " + problem);
        this.file = file;
    }

    public MalformedDataException(Path file, String problem, Throwable cause) {
        super("malformed data file " + file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
