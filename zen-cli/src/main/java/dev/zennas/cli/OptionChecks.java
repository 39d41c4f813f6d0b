package dev.zennas.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Checks of a command's option values, as a picocli mixin. A value that fails one is reported as picocli reports a
 * malformed option: one line that names the command's {@code --help}, exit 2. (It adds no options: picocli takes a
 * class as a mixin once it carries {@code @Command}.)
 */
@Command
final class OptionChecks {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** {@code value} (null: not given) must be at least {@code min}. */
    void atLeast(int min, String option, Integer value) {
        if (value != null && value < min) {
            throw bad(option + " must be >= " + min + ", got " + value);
        }
    }

    /** What {@code s} computes from the options; its IllegalArgumentException is bad input with the same message. */
    <T> T parse(Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    ParameterException bad(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
