package dev.zennas.latency;

import java.util.Locale;

/**
 * Memory layout of the input images, which libtorch propagates to every activation: NCHW, or channels-last (stored
 * [N,H,W,C], seen as an [N,C,H,W] view), where oneDNN usually skips the reorders around each convolution.
 * {@link #AUTO} measures both, interleaved, and reports the faster.
 */
public enum MemoryLayout {
    NCHW, CHANNELS_LAST, AUTO;

    /** Parses {@code nchw}, {@code channels-last} (or {@code cl}, {@code nhwc}) and {@code auto}. */
    public static MemoryLayout parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "nchw" -> NCHW;
            case "channels-last", "cl", "nhwc" -> CHANNELS_LAST;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("unknown layout '" + s + "' (nchw, channels-last or auto)");
        };
    }

    /** The name used in JSON and file names: {@code nchw}, {@code channels-last}, {@code auto}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
