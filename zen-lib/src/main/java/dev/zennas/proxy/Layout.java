package dev.zennas.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Memory layout of the Zen-Score's input images. Channels-last ([N,H,W,C] in memory, seen as an [N,C,H,W] view)
 * makes libtorch keep every activation channels-last, where oneDNN's convolutions, batch norm and pooling run
 * 1.5–5× faster on the narrow NAS-Bench-201 shapes than in NCHW (zen-lib/BENCHMARKS.md §4). Values are the same;
 * only summation orders inside kernels change (float rounding).
 */
final class Layout {
    private Layout() {
    }

    /**
     * An [N,C,H,W] float array holding {@code values} (given in NCHW order), stored channels-last when asked.
     */
    static NDArray images(NDManager manager, Shape nchw, float[] values, boolean channelsLast) {
        if (!channelsLast) {
            int[] next = {0};
            return NetInit.create(manager, nchw, DataType.FLOAT32, () -> values[next[0]++]);
        }
        int n = (int) nchw.get(0);
        int c = (int) nchw.get(1);
        int h = (int) nchw.get(2);
        int w = (int) nchw.get(3);
        float[] nhwc = new float[values.length];
        int k = 0;
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        nhwc[k++] = values[((b * c + ch) * h + y) * w + x];
                    }
                }
            }
        }
        int[] next = {0};
        NDArray stored = NetInit.create(manager, new Shape(n, h, w, c), DataType.FLOAT32, () -> nhwc[next[0]++]);
        NDArray view = stored.transpose(0, 3, 1, 2);
        return view;
    }
}
