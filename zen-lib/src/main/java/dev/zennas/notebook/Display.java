package dev.zennas.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kernel-neutral rich output: the one place where the workbench talks to a Jupyter kernel.
 *
 * <p>The kernel is found by reflection, so zen-lib has no compile-time dependency on any of them and one
 * notebook runs unchanged on each:
 * <ol>
 *   <li>rapaio-jupyter-kernel: {@code org.rapaio.jupyter.kernel.global.Global.display(String mime, Object)}
 *       (tested; its {@code display(DisplayData)} re-renders the argument as a string, hence the mime form);</li>
 *   <li>JJava 1.0a8 (tested): the running kernel from {@code org.dflib.jjava.kernel.JavaNotebookStatics
 *       .kernel()}; a {@code DisplayData} filled with {@code putData(mime, data)} goes to its
 *       {@code display(DisplayData)}, and updates (progress lines) to {@code getIO().display.updateDisplay(data)}
 *       with the same display id. IJava's equivalent classes are tried the same way (untested: IJava cannot be
 *       installed on the project machines);</li>
 *   <li>no kernel (plain JVM, JUnit): text goes to standard output; HTML and PNG are written to the folder
 *       named by the environment variable or system property {@code ZEN_SHOW_DIR} when it is set.</li>
 * </ol>
 * Tests can {@link #capture() capture} outputs instead.
 */
public final class Display {

    /**
     * One emitted output: a MIME type and its payload (String for text types, byte[] for image/png), plus
     * {@code alternatives}: further representations of the same thing sent in the same MIME bundle (one output;
     * the front end picks the richest it can show).
     */
    public record Output(String mime, Object data, List<Output> alternatives) {
        public Output {
            Objects.requireNonNull(mime, "mime");
            Objects.requireNonNull(data, "data");
            alternatives = List.copyOf(alternatives);
        }

        public Output(String mime, Object data) {
            this(mime, data, List.of());
        }

        /** Every representation in this output: its own MIME type first, then the alternatives'. */
        public List<Output> parts() {
            List<Output> all = new ArrayList<>();
            all.add(new Output(mime, data));
            alternatives.forEach(a -> all.addAll(a.parts()));
            return all;
        }

        /** The MIME types of {@link #parts()}. */
        public List<String> mimes() {
            return parts().stream().map(Output::mime).toList();
        }

        /** The payload as text (PNG bytes are base64-encoded). */
        public String text() {
            return data instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : data.toString();
        }
    }

    /** Which kind of front end receives the outputs. */
    public enum Target { RAPAIO, JJAVA, IJAVA, PLAIN }

    private static final AtomicInteger FILE_COUNTER = new AtomicInteger();
    private static volatile Backend backend;
    private static final ThreadLocal<List<Output>> CAPTURE = new ThreadLocal<>();

    private Display() {
    }

    /** The detected target (looked up once per class loader). */
    public static Target target() {
        return backend().target;
    }

    /** Shows an HTML fragment. */
    public static void html(String html) {
        emit(new Output("text/html", html));
    }

    /** Shows a PNG image given as its file bytes. */
    public static void png(byte[] png) {
        emit(new Output("image/png", png));
    }

    /**
     * Shows one thing in several representations as one output (one MIME bundle): the front end shows the one
     * it prefers, so it is never shown twice.
     */
    public static void bundle(Output first, Output... more) {
        emit(new Output(first.mime(), first.data(), List.of(more)));
    }

    /** Shows plain text. */
    public static void text(String text) {
        emit(new Output("text/plain", text));
    }

    /** Shows Markdown (rendered by the front end). */
    public static void markdown(String markdown) {
        emit(new Output("text/markdown", markdown));
    }

    /**
     * Shows text that can be replaced later (progress lines). Returns a display id for {@link #update}, or
     * {@code null} where the kernel cannot update outputs (then the caller prints new lines instead).
     */
    public static String updatable(String text) {
        Target t = backend().target;
        if (CAPTURE.get() != null || (t != Target.RAPAIO && t != Target.JJAVA && t != Target.IJAVA)) {
            text(text);
            return null;
        }
        return backend().displayWithId("text/plain", text);
    }

    /** Replaces the output shown under {@code id} (from {@link #updatable}) with new text. */
    public static void update(String id, String text) {
        if (id == null) {
            text(text);
            return;
        }
        backend().update(id, "text/plain", text);
    }

    /** Emits one output to the current target. */
    public static void emit(Output output) {
        List<Output> captured = CAPTURE.get();
        if (captured != null) {
            captured.add(output);
            return;
        }
        backend().emit(output);
    }

    /**
     * Starts capturing the outputs of the current thread instead of sending them anywhere (for tests). Close the
     * returned capture to stop.
     */
    public static Capture capture() {
        return new Capture();
    }

    /** True while a {@link Capture} is open on this thread. */
    static boolean isCapturing() {
        return CAPTURE.get() != null;
    }

    /** Outputs captured on this thread until {@link #close()}. */
    public static final class Capture implements AutoCloseable {
        private final List<Output> outputs = new ArrayList<>();
        private final List<Output> previous = CAPTURE.get();

        private Capture() {
            CAPTURE.set(outputs);
        }

        /** The outputs captured so far, in order. */
        public List<Output> outputs() {
            return List.copyOf(outputs);
        }

        /** The MIME types captured so far, in order. */
        public List<String> mimes() {
            return outputs.stream().map(Output::mime).toList();
        }

        @Override
        public void close() {
            if (previous == null) {
                CAPTURE.remove();
            } else {
                CAPTURE.set(previous);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ back ends

    /** Forgets the detected kernel, so the next output detects it again (tests switch fake kernels). */
    static void redetect() {
        synchronized (Display.class) {
            backend = null;
        }
    }

    private static Backend backend() {
        Backend b = backend;
        if (b == null) {
            synchronized (Display.class) {
                b = backend;
                if (b == null) {
                    b = Backend.detect();
                    backend = b;
                }
            }
        }
        return b;
    }

    /** The reflective bridge to one kernel; PLAIN when none is found. */
    private static final class Backend {
        final Target target;
        final Method rapaioDisplay;      // Global.display(String, Object)
        final Method rapaioUpdate;       // Global.updateDisplay(String, String, Object)
        final Class<?> displayDataClass; // JJava/IJava DisplayData
        final Method kernelDisplay;      // JJava/IJava kernel.display(DisplayData); rapaio kernel.display(DisplayData)
        final Object kernel;             // the JJava/IJava kernel instance; rapaio's MainApp.kernel

        private Backend(Target target, Method rapaioDisplay, Method rapaioUpdate, Class<?> displayDataClass,
                        Method kernelDisplay, Object kernel) {
            this.target = target;
            this.rapaioDisplay = rapaioDisplay;
            this.rapaioUpdate = rapaioUpdate;
            this.displayDataClass = displayDataClass;
            this.kernelDisplay = kernelDisplay;
            this.kernel = kernel;
        }

        static Backend detect() {
            if ("plain".equalsIgnoreCase(setting("ZEN_DISPLAY"))) {
                return plain();
            }
            try {
                Class<?> global = load("org.rapaio.jupyter.kernel.global.Global");
                Class<?> mainApp = load("org.rapaio.jupyter.kernel.MainApp");
                // Only a running kernel has MainApp.kernel set; the jar alone on a class path is no kernel.
                Object kernel = mainApp.getField("kernel").get(null);
                if (kernel != null) {
                    // For MIME bundles: DisplayData.withType(mime, text) + putData(..) + kernel.display(data).
                    Class<?> data = null;
                    Method display = null;
                    try {
                        data = load("org.rapaio.jupyter.kernel.display.DisplayData");
                        display = kernel.getClass().getMethod("display", data);
                    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                        data = null; // bundles then fall back to their first representation
                    }
                    return new Backend(Target.RAPAIO, global.getMethod("display", String.class, Object.class),
                            global.getMethod("updateDisplay", String.class, String.class, Object.class), data,
                            display, kernel);
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException ignored) {
                // not rapaio
            }
            // JJava / IJava: the running kernel (a static getKernelInstance()) has display(DisplayData), which
            // publishes the bundle as it is; the runtime Display.display(Object) would re-render it first.
            String[][] candidates = {
                {"JJAVA", "org.dflib.jjava.jupyter.kernel.display.DisplayData",
                    "org.dflib.jjava.kernel.JavaNotebookStatics"},
                {"IJAVA", "io.github.spencerpark.jupyter.kernel.display.DisplayData",
                    "io.github.spencerpark.ijava.runtime.Kernel"},
                {"IJAVA", "io.github.spencerpark.jupyter.api.display.DisplayData",
                    "io.github.spencerpark.ijava.runtime.Kernel"},
            };
            for (String[] c : candidates) {
                try {
                    Class<?> data = load(c[1]);
                    Class<?> statics = load(c[2]);
                    Method instance;
                    try {
                        instance = statics.getMethod("kernel"); // JJava 1.0a8 (getKernelInstance() is deprecated)
                    } catch (NoSuchMethodException e) {
                        instance = statics.getMethod("getKernelInstance");
                    }
                    Object kernel = instance.invoke(null);
                    if (kernel == null) {
                        continue;
                    }
                    Method display = kernel.getClass().getMethod("display", data);
                    data.getMethod("putData", String.class, Object.class);
                    return new Backend(Target.valueOf(c[0]), null, null, data, display, kernel);
                } catch (ReflectiveOperationException | LinkageError | RuntimeException ignored) {
                    // try the next one
                }
            }
            return plain();
        }

        static Backend plain() {
            return new Backend(Target.PLAIN, null, null, null, null, null);
        }

        private static Class<?> load(String name) throws ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            try {
                return Class.forName(name, true, Display.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                if (context == null) {
                    throw e;
                }
                return Class.forName(name, true, context);
            }
        }

        void emit(Output o) {
            try {
                switch (target) {
                    case RAPAIO -> {
                        if (!o.alternatives().isEmpty() && displayDataClass != null) {
                            kernelDisplay.invoke(kernel, displayData(o.parts(), null));
                            return;
                        }
                        Object payload = o.data() instanceof byte[] bytes
                                ? Base64.getEncoder().encodeToString(bytes) : o.data();
                        rapaioDisplay.invoke(null, o.mime(), payload);
                    }
                    case JJAVA, IJAVA -> kernelDisplay.invoke(kernel, displayData(o.parts(), null));
                    case PLAIN -> o.parts().forEach(Backend::plain);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                System.err.println("[zen] display through " + target + " failed (" + e + "); showing as text");
                plain(o);
            }
        }

        /** A kernel DisplayData holding every part (rapaio: built with withType; JJava/IJava: constructed). */
        private Object displayData(List<Output> parts, String displayId) throws ReflectiveOperationException {
            Object data;
            int from = 0;
            if (target == Target.RAPAIO) {
                data = displayDataClass.getMethod("withType", String.class, String.class).invoke(null,
                        parts.get(0).mime(), parts.get(0).text());
                from = 1;
            } else {
                data = displayDataClass.getConstructor().newInstance();
            }
            Method put = displayDataClass.getMethod("putData", String.class, Object.class);
            for (Output p : parts.subList(from, parts.size())) {
                put.invoke(data, p.mime(), p.text());
            }
            if (displayId != null) {
                displayDataClass.getMethod("setDisplayId", String.class).invoke(data, displayId);
            }
            return data;
        }

        String displayWithId(String mime, Object payload) {
            try {
                if (target == Target.RAPAIO) {
                    Object id = rapaioDisplay.invoke(null, mime, payload);
                    return id == null ? null : id.toString();
                }
                String id = "zen-" + java.util.UUID.randomUUID();
                kernelDisplay.invoke(kernel, displayData(List.of(new Output(mime, payload)), id));
                return id;
            } catch (ReflectiveOperationException | RuntimeException e) {
                plain(new Output(mime, payload));
                return null;
            }
        }

        void update(String id, String mime, Object payload) {
            try {
                if (target == Target.RAPAIO) {
                    rapaioUpdate.invoke(null, id, mime, payload);
                    return;
                }
                // JJava/IJava: kernel.getIO().display.updateDisplay(data) with the display id set on the data.
                Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
                Object stream = io.getClass().getField("display").get(io);
                stream.getClass().getMethod("updateDisplay", displayDataClass).invoke(stream,
                        displayData(List.of(new Output(mime, payload)), id));
            } catch (ReflectiveOperationException | RuntimeException e) {
                plain(new Output(mime, payload));
            }
        }

        private static void plain(Output o) {
            PrintStream out = System.out;
            String dir = setting("ZEN_SHOW_DIR");
            switch (o.mime()) {
                case "text/plain", "text/markdown" -> out.println(o.text());
                default -> {
                    if (dir == null || dir.isBlank()) {
                        out.println("[" + o.mime() + " output not shown: no notebook kernel; set ZEN_SHOW_DIR to"
                                + " save it to a file]");
                        return;
                    }
                    String ext = o.mime().equals("image/png") ? "png" : o.mime().equals("text/html") ? "html" : "txt";
                    Path file = Path.of(dir).resolve(String.format("show-%04d.%s", FILE_COUNTER.incrementAndGet(),
                            ext));
                    try {
                        Files.createDirectories(file.getParent());
                        if (o.data() instanceof byte[] bytes) {
                            Files.write(file, bytes);
                        } else {
                            String body = ext.equals("html") ? HtmlPage.wrap(o.text()) : o.text();
                            Files.writeString(file, body, StandardCharsets.UTF_8);
                        }
                        out.println("[" + o.mime() + " written to " + file.toAbsolutePath() + "]");
                    } catch (IOException e) {
                        out.println("[" + o.mime() + " output could not be written to " + file + ": " + e + "]");
                    }
                }
            }
        }
    }

    /** A setting from the environment, overridable by a system property of the same name. */
    static String setting(String name) {
        String p = System.getProperty(name);
        return p != null ? p : System.getenv(name);
    }
}
