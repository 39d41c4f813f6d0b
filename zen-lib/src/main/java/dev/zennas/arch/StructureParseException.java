package dev.zennas.arch;

/**
 * A structure string that does not follow the grammar. The message names the 0-based character position and what
 * was expected there, e.g. {@code at position 25: expected ')' but the string ended}.
 */
public final class StructureParseException extends IllegalArgumentException {
    private final int position;
    private final String expected;

    public StructureParseException(int position, String expected) {
        super("at position " + position + ": " + expected);
        this.position = position;
        this.expected = expected;
    }

    /** 0-based character offset of the problem in the input. */
    public int position() {
        return position;
    }

    /** What the parser expected (or why the text is invalid), without the position prefix. */
    public String expected() {
        return expected;
    }
}
