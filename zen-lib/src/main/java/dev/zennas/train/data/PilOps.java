package dev.zennas.train.data;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The image operations of the AutoAugment policy, reproducing Pillow's arithmetic on RGB images so that the
 * augmented pixels are the ones the reference recipe (Pillow images) produces, not an approximation:
 * <ul>
 * <li>point operations are 256-entry lookup tables per channel (invert, posterize, solarize, autocontrast,
 * equalize), built with Pillow's integer rules;
 * <li>enhancements (color, contrast, brightness, sharpness) blend the image with a "degenerate" image in 32-bit
 * float and truncate, as Pillow's {@code Image.blend} does; grayscale uses Pillow's fixed-point
 * {@code L = (19595 R + 38470 G + 7471 B + 2^15) >> 16};
 * <li>affine maps sample at pixel centres; nearest-neighbour ones use Pillow's two fast paths (a pre-tabulated scale
 * path for translations, 16.16 fixed point for rotations), bicubic ones Pillow's cubic with a = −1 and edge
 * clamping; pixels that map outside the image get the fill colour.
 * </ul>
 * Images are {@code byte[3 * h * w]} in planar order (R plane, G plane, B plane; row-major), the CIFAR file layout.
 * Every method returns a new array and leaves its input unchanged.
 */
final class PilOps {
    /** Fill of pixels that an affine map takes from outside the image (the policy's gray 128). */
    static final int FILL = 128;

    private PilOps() {
    }

    // ---- point operations (lookup tables) ----

    static byte[] invert(byte[] img) {
        byte[] out = new byte[img.length];
        for (int i = 0; i < img.length; i++) {
            out[i] = (byte) (255 - (img[i] & 0xff));
        }
        return out;
    }

    /** Keeps the top {@code bits} bits of every value ({@code ImageOps.posterize}). */
    static byte[] posterize(byte[] img, int bits) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("posterize bits must be 1..8, got " + bits);
        }
        int mask = ~((1 << (8 - bits)) - 1);
        byte[] out = new byte[img.length];
        for (int i = 0; i < img.length; i++) {
            out[i] = (byte) (img[i] & mask);
        }
        return out;
    }

    /** Inverts every value at or above {@code threshold} ({@code ImageOps.solarize}). */
    static byte[] solarize(byte[] img, double threshold) {
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = v < threshold ? v : 255 - v;
        }
        return applyLut(img, lut);
    }

    /**
     * Stretches each channel so its lowest value becomes 0 and its highest 255 ({@code ImageOps.autocontrast},
     * cutoff 0): {@code lut[v] = int(v * 255 / (hi − lo) − lo * 255 / (hi − lo))}, clipped; a flat channel is left as
     * is.
     */
    static byte[] autoContrast(byte[] img) {
        int plane = img.length / 3;
        byte[] out = new byte[img.length];
        for (int c = 0; c < 3; c++) {
            int[] h = histogram(img, c * plane, plane);
            int lo = 0;
            while (lo < 256 && h[lo] == 0) {
                lo++;
            }
            int hi = 255;
            while (hi >= 0 && h[hi] == 0) {
                hi--;
            }
            int[] lut = new int[256];
            if (hi <= lo) {
                for (int v = 0; v < 256; v++) {
                    lut[v] = v;
                }
            } else {
                double scale = 255.0 / (hi - lo);
                double offset = -lo * scale;
                for (int v = 0; v < 256; v++) {
                    lut[v] = clip((int) (v * scale + offset));
                }
            }
            applyLut(img, c * plane, plane, lut, out);
        }
        return out;
    }

    /**
     * Histogram equalisation per channel ({@code ImageOps.equalize}): with {@code step = (N − count of the highest
     * value present) / 255} (integer division), value v maps to {@code (step/2 + #pixels below v) / step}, clipped to
     * 255. A channel with one value, or with step 0, is left as is.
     */
    static byte[] equalize(byte[] img) {
        int plane = img.length / 3;
        byte[] out = new byte[img.length];
        for (int c = 0; c < 3; c++) {
            int[] h = histogram(img, c * plane, plane);
            int distinct = 0;
            int last = 0;
            int total = 0;
            for (int v = 0; v < 256; v++) {
                if (h[v] != 0) {
                    distinct++;
                    last = h[v];
                    total += h[v];
                }
            }
            int[] lut = new int[256];
            int step = distinct <= 1 ? 0 : (total - last) / 255;
            if (step == 0) {
                for (int v = 0; v < 256; v++) {
                    lut[v] = v;
                }
            } else {
                int n = step / 2;
                for (int v = 0; v < 256; v++) {
                    lut[v] = clip(n / step);
                    n += h[v];
                }
            }
            applyLut(img, c * plane, plane, lut, out);
        }
        return out;
    }

    // ---- enhancements (blend with a degenerate image) ----

    /** Saturation: blend with the grayscale image ({@code ImageEnhance.Color}). */
    static byte[] color(byte[] img, double factor) {
        int plane = img.length / 3;
        byte[] gray = new byte[img.length];
        for (int i = 0; i < plane; i++) {
            byte l = (byte) luma(img[i] & 0xff, img[plane + i] & 0xff, img[2 * plane + i] & 0xff);
            gray[i] = l;
            gray[plane + i] = l;
            gray[2 * plane + i] = l;
        }
        return blend(gray, img, factor);
    }

    /** Blend with a uniform image of the mean gray level, rounded ({@code ImageEnhance.Contrast}). */
    static byte[] contrast(byte[] img, double factor) {
        int plane = img.length / 3;
        long sum = 0;
        for (int i = 0; i < plane; i++) {
            sum += luma(img[i] & 0xff, img[plane + i] & 0xff, img[2 * plane + i] & 0xff);
        }
        int mean = (int) ((double) sum / plane + 0.5);
        byte[] degenerate = new byte[img.length];
        java.util.Arrays.fill(degenerate, (byte) mean);
        return blend(degenerate, img, factor);
    }

    /** Blend with black ({@code ImageEnhance.Brightness}). */
    static byte[] brightness(byte[] img, double factor) {
        return blend(new byte[img.length], img, factor);
    }

    /**
     * Blend with the image smoothed by Pillow's SMOOTH kernel (1 1 1 / 1 5 1 / 1 1 1, divided by 13; the one-pixel
     * border is copied unfiltered, as Pillow does) ({@code ImageEnhance.Sharpness}).
     */
    static byte[] sharpness(byte[] img, int h, int w, double factor) {
        byte[] smooth = img.clone();
        if (h >= 3 && w >= 3) {
            float k1 = 1f / 13f;
            float k5 = 5f / 13f;
            for (int c = 0; c < 3; c++) {
                int base = c * h * w;
                for (int y = 1; y < h - 1; y++) {
                    int below = base + (y + 1) * w;
                    int row = base + y * w;
                    int above = base + (y - 1) * w;
                    for (int x = 1; x < w - 1; x++) {
                        // Same order of float operations as Pillow's 3x3 filter (row y+1, row y, row y-1; +0.5 to round).
                        float ss = 0.5f;
                        ss += (img[below + x - 1] & 0xff) * k1 + (img[below + x] & 0xff) * k1
                                + (img[below + x + 1] & 0xff) * k1;
                        ss += (img[row + x - 1] & 0xff) * k1 + (img[row + x] & 0xff) * k5
                                + (img[row + x + 1] & 0xff) * k1;
                        ss += (img[above + x - 1] & 0xff) * k1 + (img[above + x] & 0xff) * k1
                                + (img[above + x + 1] & 0xff) * k1;
                        smooth[row + x] = (byte) clip8(ss);
                    }
                }
            }
        }
        return blend(smooth, img, factor);
    }

    /**
     * {@code Image.blend(degenerate, img, factor)}: {@code degenerate + factor * (img − degenerate)} in 32-bit float,
     * truncated; clipped to [0, 255] when the factor extrapolates (outside [0, 1]).
     */
    static byte[] blend(byte[] degenerate, byte[] img, double factor) {
        float alpha = (float) factor;
        byte[] out = new byte[img.length];
        boolean interpolate = alpha >= 0 && alpha <= 1.0;
        for (int i = 0; i < img.length; i++) {
            int d = degenerate[i] & 0xff;
            float v = d + alpha * ((img[i] & 0xff) - d);
            out[i] = (byte) (interpolate ? (int) v : clip8(v));
        }
        return out;
    }

    /** Pillow's RGB → L conversion (ITU-R 601-2 weights in 16.16 fixed point, rounded). */
    static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    // ---- affine maps ----

    /** Shift left by {@code pixels} (negative: right), nearest neighbour: output (x, y) = input (x + pixels, y). */
    static byte[] translateX(byte[] img, int h, int w, double pixels) {
        return affineNearest(img, h, w, new double[] {1, 0, pixels, 0, 1, 0});
    }

    /** Shift up by {@code pixels} (negative: down), nearest neighbour. */
    static byte[] translateY(byte[] img, int h, int w, double pixels) {
        return affineNearest(img, h, w, new double[] {1, 0, 0, 0, 1, pixels});
    }

    /** Output (x, y) = input (x + m y, y), bicubic. */
    static byte[] shearX(byte[] img, int h, int w, double m) {
        return affineBicubic(img, h, w, new double[] {1, m, 0, 0, 1, 0});
    }

    /** Output (x, y) = input (x, m x + y), bicubic. */
    static byte[] shearY(byte[] img, int h, int w, double m) {
        return affineBicubic(img, h, w, new double[] {1, 0, 0, m, 1, 0});
    }

    /**
     * Counter-clockwise rotation about the image centre by {@code degrees}, nearest neighbour, fill gray
     * ({@code Image.rotate}, matrix entries rounded to 15 decimals as Pillow does; 0°, 180° and — on square images —
     * 90° and 270° are exact transposes there and here).
     */
    static byte[] rotate(byte[] img, int h, int w, double degrees) {
        double angle = degrees % 360.0;
        if (angle < 0) {
            angle += 360.0; // Python's % has the sign of the divisor
        }
        if (angle == 0) {
            return img.clone();
        }
        if (angle == 180 || (h == w && (angle == 90 || angle == 270))) {
            return transpose(img, h, w, (int) angle);
        }
        return affineNearest(img, h, w, rotationMatrix(h, w, angle));
    }

    /**
     * The affine map of {@code Image.rotate} by {@code degrees} about the centre: output pixel → input pixel, with
     * cosine and sine rounded to 15 decimals as Pillow does (so that 90° gives exact zeros).
     */
    static double[] rotationMatrix(int h, int w, double degrees) {
        double rad = -(degrees * (Math.PI / 180.0)); // as Python's math.radians
        double cos = round15(StrictMath.cos(rad));
        double sin = round15(StrictMath.sin(rad));
        double[] a = {cos, sin, 0.0, round15(-StrictMath.sin(rad)), cos, 0.0};
        double cx = w / 2.0;
        double cy = h / 2.0;
        double c = a[0] * -cx + a[1] * -cy + a[2];
        double f = a[3] * -cx + a[4] * -cy + a[5];
        a[2] = c + cx;
        a[5] = f + cy;
        return a;
    }

    /** Python's {@code round(v, 15)}: the exact binary value rounded half-even at 15 decimals, back to a double. */
    private static double round15(double v) {
        return new BigDecimal(v).setScale(15, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Pillow's transposes: counter-clockwise 90 (square only), 180 and 270 (square only) degrees. */
    private static byte[] transpose(byte[] img, int h, int w, int angle) {
        byte[] out = new byte[img.length];
        int plane = h * w;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx;
                    int sy;
                    if (angle == 90) {
                        sx = w - 1 - y;
                        sy = x;
                    } else if (angle == 180) {
                        sx = w - 1 - x;
                        sy = h - 1 - y;
                    } else {
                        sx = y;
                        sy = h - 1 - x;
                    }
                    out[c * plane + y * w + x] = img[c * plane + sy * w + sx];
                }
            }
        }
        return out;
    }

    /**
     * Nearest-neighbour affine map, output (x, y) = input (a0 x + a1 y + a2, a3 x + a4 y + a5) at pixel centres, as
     * Pillow computes it: a pure scale/translation takes the pre-tabulated path (coordinates accumulated in double,
     * truncated), anything else 16.16 fixed point (accumulated in int, floored).
     */
    static byte[] affineNearest(byte[] img, int h, int w, double[] a) {
        byte[] out = new byte[img.length];
        java.util.Arrays.fill(out, (byte) FILL);
        int plane = h * w;
        if (a[1] == 0 && a[3] == 0) {
            int[] xin = new int[w];
            double xo = a[2] + a[0] * 0.5;
            for (int x = 0; x < w; x++) {
                xin[x] = coord(xo);
                xo += a[0];
            }
            double yo = a[5] + a[4] * 0.5;
            for (int y = 0; y < h; y++) {
                int yi = coord(yo);
                yo += a[4];
                if (yi < 0 || yi >= h) {
                    continue;
                }
                for (int x = 0; x < w; x++) {
                    if (xin[x] >= 0 && xin[x] < w) {
                        for (int c = 0; c < 3; c++) {
                            out[c * plane + y * w + x] = img[c * plane + yi * w + xin[x]];
                        }
                    }
                }
            }
            return out;
        }
        int a0 = fix(a[0]);
        int a1 = fix(a[1]);
        int a3 = fix(a[3]);
        int a4 = fix(a[4]);
        int a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5);
        int a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
        for (int y = 0; y < h; y++) {
            int xx = a2;
            int yy = a5;
            for (int x = 0; x < w; x++) {
                int xi = xx >> 16;
                int yi = yy >> 16;
                if (xi >= 0 && xi < w && yi >= 0 && yi < h) {
                    for (int c = 0; c < 3; c++) {
                        out[c * plane + y * w + x] = img[c * plane + yi * w + xi];
                    }
                }
                xx += a0;
                yy += a3;
            }
            a2 += a1;
            a5 += a4;
        }
        return out;
    }

    /**
     * Bicubic affine map as Pillow's generic transform: source point at the pixel centre, outside the image → fill;
     * else the 4×4 neighbourhood (indices clamped to the image) through Pillow's cubic (a = −1), clipped and
     * truncated.
     */
    static byte[] affineBicubic(byte[] img, int h, int w, double[] a) {
        byte[] out = new byte[img.length];
        java.util.Arrays.fill(out, (byte) FILL);
        int plane = h * w;
        int[] xs = new int[4];
        int[] ys = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                double xin = a[0] * px + a[1] * py + a[2];
                double yin = a[3] * px + a[4] * py + a[5];
                if (xin < 0.0 || xin >= w || yin < 0.0 || yin >= h) {
                    continue;
                }
                xin -= 0.5;
                yin -= 0.5;
                int x0 = (int) Math.floor(xin);
                int y0 = (int) Math.floor(yin);
                double dx = xin - x0;
                double dy = yin - y0;
                for (int k = 0; k < 4; k++) {
                    xs[k] = clamp(x0 - 1 + k, w);
                    ys[k] = clamp(y0 - 1 + k, h);
                }
                for (int c = 0; c < 3; c++) {
                    int base = c * plane;
                    double v1 = cubicRow(img, base + ys[0] * w, xs, dx);
                    double v2 = cubicRow(img, base + ys[1] * w, xs, dx);
                    double v3 = cubicRow(img, base + ys[2] * w, xs, dx);
                    double v4 = cubicRow(img, base + ys[3] * w, xs, dx);
                    double v = cubic(v1, v2, v3, v4, dy);
                    out[base + y * w + x] = (byte) (v <= 0.0 ? 0 : v >= 255.0 ? 255 : (int) v);
                }
            }
        }
        return out;
    }

    private static double cubicRow(byte[] img, int row, int[] xs, double d) {
        return cubic(img[row + xs[0]] & 0xff, img[row + xs[1]] & 0xff, img[row + xs[2]] & 0xff,
                img[row + xs[3]] & 0xff, d);
    }

    /** Pillow's BICUBIC macro: the cubic through v1..v4 with a = −1, evaluated at d in [0, 1) between v2 and v3. */
    static double cubic(double v1, double v2, double v3, double v4, double d) {
        double p1 = v2;
        double p2 = -v1 + v3;
        double p3 = 2 * (v1 - v2) + v3 - v4;
        double p4 = -v1 + v2 - v3 + v4;
        return p1 + d * (p2 + d * (p3 + d * p4));
    }

    // ---- helpers ----

    /** Pillow's COORD: −1 for negative coordinates, else truncation. */
    private static int coord(double v) {
        return v < 0.0 ? -1 : (int) v;
    }

    /** Pillow's 16.16 fixed point conversion, FLOOR(v * 65536 + 0.5). */
    private static int fix(double v) {
        return (int) Math.floor(v * 65536.0 + 0.5);
    }

    private static int clamp(int i, int size) {
        return i < 0 ? 0 : i >= size ? size - 1 : i;
    }

    private static int clip(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /** Pillow's clip8 for floats: clip to [0, 255] and truncate. */
    private static int clip8(float v) {
        return v <= 0.0f ? 0 : v >= 255.0f ? 255 : (int) v;
    }

    private static int[] histogram(byte[] img, int from, int n) {
        int[] h = new int[256];
        for (int i = from; i < from + n; i++) {
            h[img[i] & 0xff]++;
        }
        return h;
    }

    private static byte[] applyLut(byte[] img, int[] lut) {
        byte[] out = new byte[img.length];
        applyLut(img, 0, img.length, lut, out);
        return out;
    }

    private static void applyLut(byte[] img, int from, int n, int[] lut, byte[] out) {
        for (int i = from; i < from + n; i++) {
            out[i] = (byte) lut[img[i] & 0xff];
        }
    }
}
