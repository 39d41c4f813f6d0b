package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Registry-driven: every command and subcommand answers --help with status 0 and without picocli warnings. */
class HelpTest {

    private static void collect(CommandLine cmd, List<String> prefix, List<List<String>> out) {
        out.add(prefix);
        for (var e : cmd.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) continue;
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            collect(e.getValue(), path, out);
        }
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), List.of(), paths);
        assertThat(paths.size()).isGreaterThanOrEqualTo(10);
        PrintStream saved = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
            for (List<String> path : paths) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
                assertThat(code).as("zen %s --help", String.join(" ", path)).isZero();
                assertThat(out.toString()).as("zen %s --help", String.join(" ", path)).contains("Usage: zen");
                assertThat(err.toString()).isEmpty();
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(tracer.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
