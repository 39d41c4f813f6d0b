package org.dflib.jjava;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Test double with the shape of JJava's entry point ({@code JJava.getKernelInstance()} returning a kernel with
 * {@code display(DisplayData)}), so that dev.zennas.notebook.DisplayKernelsTest can exercise the reflective JJava path
 * without the real kernel, which cannot be installed on the project machines. No kernel is running by default.
 */
public final class JJava {
    /** The fake kernel: records what it was asked to display. */
    public static final class FakeKernel {
        public final java.util.List<DisplayData> shown = new java.util.ArrayList<>();

        public void display(DisplayData data) {
            shown.add(data);
        }
    }

    private static volatile FakeKernel instance;

    private JJava() {
    }

    public static FakeKernel getKernelInstance() {
        return instance;
    }

    public static void setKernelInstance(FakeKernel kernel) {
        instance = kernel;
    }
}
