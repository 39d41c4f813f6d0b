package dev.zennas.arch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves what a user typed as an architecture: a structure string, the name of a released net, or {@code @file}
 * (a text file holding a structure string, as the official {@code best_structure.txt}), or a search run directory
 * (its best structure).
 */
public final class ArchSource {
    /** Files larger than this are not structure files; refuse them instead of reading gigabytes. */
    static final long MAX_FILE_BYTES = 16L << 20;

    private ArchSource() {}

    /**
     * What an architecture argument resolved to.
     *
     * @param label       what to call it in output (the released name, the file name, or "structure")
     * @param released    the released net when the argument named one
     */
    public record Resolved(String label, Structure structure, Optional<ReleasedNet> released) {
        /** Default resolution: the released net's, else 32 (CIFAR). */
        public int defaultResolution() {
            return released.map(ReleasedNet::resolution).orElse(32);
        }

        /** Default number of classes: the released net's, else 10. */
        public int defaultClasses() {
            return released.map(ReleasedNet::numClasses).orElse(10);
        }

        /** Whether the released net is deployed with SE (false for plain structures). */
        public boolean defaultSe() {
            return released.map(ReleasedNet::se).orElse(false);
        }

        /**
         * {@code resolution} itself when it is positive and the structure's strides divide it (a network built at
         * any other size would end on a fractional feature map).
         *
         * @throws IllegalArgumentException otherwise, with a one-line message naming the option
         */
        public int checkedResolution(int resolution) {
            if (resolution <= 0) throw new IllegalArgumentException("--resolution must be positive, got " + resolution);
            if (resolution % structure.downsampling() != 0) {
                throw new IllegalArgumentException("--resolution " + resolution
                        + " is not divisible by the structure's down-sampling factor " + structure.downsampling());
            }
            return resolution;
        }
    }

    /**
     * Resolves an argument.
     *
     * @throws StructureParseException for a malformed structure string
     * @throws IllegalArgumentException for an unknown name or an unreadable file, with a one-line message
     */
    public static Resolved resolve(String arg) {
        if (arg == null || arg.isEmpty()) throw new StructureParseException(0, "expected a block name but the string is empty");
        if (arg.startsWith("@")) {
            Path file = Path.of(arg.substring(1));
            String text = readStructureFile(file);
            try {
                return new Resolved(file.getFileName().toString(), Structure.parse(text), Optional.empty());
            } catch (StructureParseException e) {
                throw new IllegalArgumentException("in " + file + ": " + e.getMessage(), e);
            }
        }
        if (arg.indexOf('(') < 0 && isDirectory(arg)) {
            Path best = Path.of(arg).resolve(SEARCH_BEST);
            if (!Files.isRegularFile(best)) {
                throw new IllegalArgumentException(arg + " is a directory without " + SEARCH_BEST
                        + " (not a search run directory, or a search that has not stopped yet)");
            }
            try {
                return new Resolved(Path.of(arg).getFileName() + "/" + SEARCH_BEST, Structure.parse(readStructureFile(best)),
                        Optional.empty());
            } catch (StructureParseException e) {
                throw new IllegalArgumentException("in " + best + ": " + e.getMessage(), e);
            }
        }
        Optional<ReleasedNet> net = ReleasedNets.find(arg);
        if (net.isPresent()) return new Resolved(arg, net.get().structure(), net);
        if (arg.indexOf('(') < 0 && arg.startsWith("zennet")) {
            throw new IllegalArgumentException("unknown released net '" + arg + "' (see `zen arch list`)");
        }
        return new Resolved("structure", Structure.parse(arg), Optional.empty());
    }

    /** The file a search run directory holds its best structure in. */
    public static final String SEARCH_BEST = "best_structure.txt";

    private static boolean isDirectory(String arg) {
        try {
            return Files.isDirectory(Path.of(arg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static String readStructureFile(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + (MAX_FILE_BYTES >> 20) + " MB; not a structure file");
            }
            // Official structure files end with a newline; surrounding whitespace is not part of the structure.
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
