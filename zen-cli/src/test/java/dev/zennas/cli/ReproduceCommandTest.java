package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zen reproduce --check} and {@code zen search export}: what they refuse, in one line with exit 2. */
class ReproduceCommandTest {
    @TempDir
    Path tmp;

    @Test
    void checkWithoutABaselineIsBadInputAndExportOfNoRunToo() {
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[] {"reproduce", "--check", "--baseline", tmp.resolve("none.csv").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("no baseline").contains("none.csv");
        StringWriter err2 = new StringWriter();
        assertThat(Main.execute(new String[] {"search", "export", tmp.resolve("nope").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err2))).isEqualTo(2);
        assertThat(err2.toString()).contains("no such run directory");
    }
}
