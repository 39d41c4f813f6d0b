package dev.zennas.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.dflib.jjava.JJava;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reflective JJava path, against test doubles with JJava's class names and method shapes. */
class DisplayKernelsTest {

    @AfterEach
    void noKernel() {
        JJava.setKernelInstance(null);
        Display.redetect();
    }

    @Test
    void aRunningJJavaKernelReceivesDisplayDataBundles() {
        JJava.FakeKernel kernel = new JJava.FakeKernel();
        JJava.setKernelInstance(kernel);
        Display.redetect();
        assertThat(Display.target()).isEqualTo(Display.Target.JJAVA);
        Display.html("<b>bold</b>");
        Display.png(new byte[] {1, 2, 3});
        assertThat(kernel.shown).hasSize(2);
        assertThat(kernel.shown.get(0).getData()).containsEntry("text/html", "<b>bold</b>");
        assertThat(kernel.shown.get(1).getData()).containsEntry("image/png", "AQID"); // base64
    }

    @Test
    void withTheClassesPresentButNoKernelRunningTheTargetIsPlain() {
        Display.redetect();
        assertThat(Display.target()).isEqualTo(Display.Target.PLAIN);
    }
}
