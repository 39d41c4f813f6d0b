package dev.zennas.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.dflib.jjava.kernel.JavaNotebookStatics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reflective JJava path, against test doubles with JJava 1.0a8's class names and method shapes. */
class DisplayKernelsTest {

    @AfterEach
    void noKernel() {
        JavaNotebookStatics.setKernelInstance(null);
        Display.redetect();
    }

    private static JavaNotebookStatics.FakeKernel running() {
        JavaNotebookStatics.FakeKernel kernel = new JavaNotebookStatics.FakeKernel();
        JavaNotebookStatics.setKernelInstance(kernel);
        Display.redetect();
        return kernel;
    }

    @Test
    void aRunningJJavaKernelReceivesDisplayDataBundles() {
        JavaNotebookStatics.FakeKernel kernel = running();
        assertThat(Display.target()).isEqualTo(Display.Target.JJAVA);
        Display.html("<b>bold</b>");
        Display.png(new byte[] {1, 2, 3});
        assertThat(kernel.shown).hasSize(2);
        assertThat(kernel.shown.get(0).getData()).containsEntry("text/html", "<b>bold</b>");
        assertThat(kernel.shown.get(1).getData()).containsEntry("image/png", "AQID"); // base64
    }

    @Test
    void aBundleIsOneDisplayDataWithEveryRepresentation() {
        JavaNotebookStatics.FakeKernel kernel = running();
        Display.bundle(new Display.Output("text/html", "<img src=x>"), new Display.Output("image/png", new byte[] {1}));
        assertThat(kernel.shown).hasSize(1);
        assertThat(kernel.shown.get(0).getData()).containsOnlyKeys("text/html", "image/png")
                .containsEntry("image/png", "AQ==");
    }

    @Test
    void progressLinesAreUpdatedInPlaceUnderOneDisplayId() {
        JavaNotebookStatics.FakeKernel kernel = running();
        String id = Display.updatable("step 0");
        assertThat(id).isNotNull();
        Display.update(id, "step 1");
        assertThat(kernel.shown).hasSize(1);
        assertThat(kernel.shown.get(0).getDisplayId()).isEqualTo(id);
        assertThat(kernel.updated).hasSize(1);
        assertThat(kernel.updated.get(0).getDisplayId()).isEqualTo(id);
        assertThat(kernel.updated.get(0).getData()).containsEntry("text/plain", "step 1");
    }

    @Test
    void withTheClassesPresentButNoKernelRunningTheTargetIsPlain() {
        Display.redetect();
        assertThat(Display.target()).isEqualTo(Display.Target.PLAIN);
    }
}
