package dev.zennas.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisplayTest {

    @AfterEach
    void clear() {
        System.clearProperty("ZEN_SHOW_DIR");
    }

    @Test
    void withoutAKernelTheTargetIsPlain() {
        assertThat(Display.target()).isEqualTo(Display.Target.PLAIN);
    }

    @Test
    void captureRecordsOutputsInOrderAndStopsOnClose() {
        try (Display.Capture c = Display.capture()) {
            Display.text("hello");
            Display.html("<b>x</b>");
            Display.png(new byte[] {1, 2});
            assertThat(c.mimes()).containsExactly("text/plain", "text/html", "image/png");
            assertThat(c.outputs().get(2).text()).isEqualTo("AQI=");
        }
        assertThat(Display.isCapturing()).isFalse();
    }

    @Test
    void plainTargetPrintsTextAndWritesRichOutputToTheShowDir(@TempDir Path dir) throws Exception {
        System.setProperty("ZEN_SHOW_DIR", dir.toString());
        String printed = stdout(() -> {
            Display.text("plain words");
            Display.html("<p>para</p>");
            Display.png(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        });
        assertThat(printed).contains("plain words").contains("text/html written to").contains("image/png written to");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(2);
        Path html = files.stream().filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<p>para</p>");
        Path png = files.stream().filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        assertThat(Files.readAllBytes(png)).hasSize(4);
    }

    @Test
    void plainTargetWithoutShowDirSaysWhereRichOutputWent() {
        String printed = stdout(() -> Display.html("<p>x</p>"));
        assertThat(printed).contains("text/html output not shown").contains("ZEN_SHOW_DIR");
    }

    @Test
    void updatableFallsBackToNewLinesOutsideRapaio() {
        try (Display.Capture c = Display.capture()) {
            String id = Display.updatable("a");
            Display.update(id, "b");
            assertThat(id).isNull();
            assertThat(c.outputs()).extracting(Display.Output::text).containsExactly("a", "b");
        }
    }

    static String stdout(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
