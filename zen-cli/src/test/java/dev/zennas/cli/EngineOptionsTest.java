package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine} without the module that provides it: one line that says how to get it, exit 2, nothing scored. */
class EngineOptionsTest {

    private static String[] run(Path cache, String... engine) {
        String[] base = {"correlate", "--space", "nb201", "--dataset", "cifar10", "--proxy", "zen", "--sample", "5",
            "--quiet", "--cache", cache.toString()};
        String[] args = new String[base.length + engine.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(engine, 0, args, base.length, engine.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(status), err.toString().strip()};
    }

    @Test
    void sparkWithoutZenSparkSaysHowToGetIt(@TempDir Path dir) {
        String[] r = run(dir, "--engine", "spark", "--master", "local[2]");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).startsWith("zen: --engine spark needs the zen-spark module").contains("./zen build spark")
                .doesNotContain("\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void unknownEngineAndMasterWithoutClusterAreBadInput(@TempDir Path dir) {
        String[] unknown = run(dir, "--engine", "cloud");
        assertThat(unknown[0]).isEqualTo("2");
        assertThat(unknown[1]).isEqualTo("zen: unknown --engine 'cloud' (available: local)");
        String[] master = run(dir, "--master", "local[2]");
        assertThat(master[0]).isEqualTo("2");
        assertThat(master[1]).contains("--master applies to --engine spark");
        assertThat(dir).isEmptyDirectory();
    }
}
