package dev.zennas.cli;

/**
 * A problem with what the user asked for (bad argument, missing file, over budget). The CLI prints its message as
 * one line on stderr and exits with status 2 — never a stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
