package dev.zennas.cli;

import dev.zennas.arch.StructureParseException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code zen} command line. Exit status 0 on success, 2 on bad input (one line on stderr), 1 on an internal
 * error (one line; set {@code ZEN_DEBUG=1} for the stack trace).
 */
@Command(name = "zen", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Zen-NAS workbench: zero-shot NAS on the JVM (reproduces Lin et al., ICCV 2021).",
        subcommands = {ArchCommand.class})
public final class Main implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit status (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The configured command tree (with every subcommand registered). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (Object sub : Subcommands.extra()) cli.addSubcommand(sub);
        cli.setParameterExceptionHandler(ONE_LINE_PARAMETER_ERRORS);
        cli.setExecutionExceptionHandler(ONE_LINE_EXECUTION_ERRORS);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /** Exit status for bad input. */
    public static final int BAD_INPUT = 2;

    private static final IParameterExceptionHandler ONE_LINE_PARAMETER_ERRORS = (ParameterException e, String[] args) -> {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("zen: " + oneLine(e.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return BAD_INPUT;
    };

    private static final IExecutionExceptionHandler ONE_LINE_EXECUTION_ERRORS = (Exception e, CommandLine cmd, ParseResult parsed) -> {
        Throwable t = e;
        if (System.getenv("ZEN_DEBUG") != null) e.printStackTrace(cmd.getErr());
        if (t instanceof UserError || t instanceof IllegalArgumentException || t instanceof UncheckedIOException
                || t instanceof dev.zennas.data.DataNotFoundException || t instanceof dev.zennas.data.MalformedDataException
                || t instanceof dev.zennas.notebook.PlotlyJs.NotInstalled) {
            String msg = t instanceof StructureParseException ? "invalid structure: " + t.getMessage() : t.getMessage();
            cmd.getErr().println("zen: " + oneLine(msg));
            cmd.getErr().flush();
            return BAD_INPUT;
        }
        cmd.getErr().println("zen: internal error: " + oneLine(String.valueOf(t)) + " (set ZEN_DEBUG=1 for the stack trace)");
        cmd.getErr().flush();
        return 1;
    };

    /** Error messages are one line and bounded, even when they quote a 10 MB argument. */
    static String oneLine(String s) {
        if (s == null) return "(no message)";
        String line = s.replace('\n', ' ').replace('\r', ' ');
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }

    /** Reads the library version from the jar manifest (falls back to "dev"). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"zen " + (v != null ? v : "dev")};
        }
    }
}
