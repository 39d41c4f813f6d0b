package org.dflib.jjava.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Test double with the shape of JJava 1.0a8's notebook statics ({@code JavaNotebookStatics.getKernelInstance()}
 * returning the kernel, which has {@code display(DisplayData)} and {@code getIO().display.updateDisplay(DisplayData)}),
 * so that dev.zennas.notebook.DisplayKernelsTest exercises the reflective JJava path without a running kernel. No kernel
 * is running by default.
 */
public final class JavaNotebookStatics {
    /** The fake kernel: records what it was asked to display and to update. */
    public static final class FakeKernel {
        public final List<DisplayData> shown = new ArrayList<>();
        public final List<DisplayData> updated = new ArrayList<>();
        private final FakeIO io = new FakeIO(this);

        public void display(DisplayData data) {
            shown.add(data);
        }

        public FakeIO getIO() {
            return io;
        }
    }

    /** JJava's JupyterIO: a public field {@code display}. */
    public static final class FakeIO {
        public final FakeDisplayStream display;

        FakeIO(FakeKernel kernel) {
            display = new FakeDisplayStream(kernel);
        }
    }

    /** JJava's DisplayStream: {@code updateDisplay(DisplayData)} with the display id inside the data. */
    public static final class FakeDisplayStream {
        private final FakeKernel kernel;

        FakeDisplayStream(FakeKernel kernel) {
            this.kernel = kernel;
        }

        public void updateDisplay(DisplayData data) {
            kernel.updated.add(data);
        }
    }

    private static volatile FakeKernel instance;

    private JavaNotebookStatics() {
    }

    public static FakeKernel getKernelInstance() {
        return instance;
    }

    public static void setKernelInstance(FakeKernel kernel) {
        instance = kernel;
    }
}
