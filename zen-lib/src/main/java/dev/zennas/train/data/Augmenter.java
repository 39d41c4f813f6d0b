package dev.zennas.train.data;

import dev.zennas.data.CifarKind;

/**
 * The per-image part of the training transform: crop, flip, AutoAugment on bytes; then to floats, normalisation and
 * random erasing. Stateless apart from the settings, so one instance serves any number of threads; all randomness
 * comes from the generator passed in, which the caller seeds per image.
 */
final class Augmenter {
    static final int SIZE = 32;
    static final int PLANE = SIZE * SIZE;
    /** CIFAR-10 training-set channel means and standard deviations of the recipe's {@code Normalize}. */
    static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
    static final float[] STD = {0.2023f, 0.1994f, 0.2010f};
    /** Random erasing: area fraction and aspect-ratio ranges, attempts (torchvision's defaults). */
    static final double ERASE_AREA_MIN = 0.02;
    static final double ERASE_AREA_MAX = 0.33;
    static final double ERASE_LOG_RATIO_MIN = Math.log(0.3);
    static final double ERASE_LOG_RATIO_MAX = Math.log(3.3);
    static final int ERASE_ATTEMPTS = 10;

    /**
     * {@code NORMALISED[c][v] = (v / 255 − mean[c]) / std[c]} in float, the same float operations as ToTensor
     * followed by Normalize, so a lookup replaces two divisions per value.
     */
    private static final float[][] NORMALISED = new float[3][256];

    static {
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                NORMALISED[c][v] = ((float) v / 255f - MEAN[c]) / STD[c];
            }
        }
    }

    private final AugmentSettings settings;

    Augmenter(AugmentSettings settings) {
        this.settings = settings;
    }

    /**
     * Augments image {@code index} of {@code pixels} (CIFAR planar bytes) into {@code out} (3×32×32 normalised
     * floats, CHW), drawing every random choice from {@code rng} in a fixed order: crop offsets, flip, AutoAugment,
     * erasing.
     */
    void augment(byte[] pixels, int index, SplitMix64 rng, float[] out) {
        byte[] img = new byte[CifarKind.IMAGE_BYTES];
        System.arraycopy(pixels, index * CifarKind.IMAGE_BYTES, img, 0, img.length);
        if (settings.randomCrop() || settings.horizontalFlip()) {
            int pad = settings.randomCrop() ? settings.cropPadding() : 0;
            int top = settings.randomCrop() ? rng.nextInt(2 * pad + 1) : pad;
            int left = settings.randomCrop() ? rng.nextInt(2 * pad + 1) : pad;
            boolean flip = settings.horizontalFlip() && rng.nextDouble() < 0.5;
            img = cropFlip(img, SIZE, SIZE, pad, top, left, flip);
        }
        if (settings.autoAugment()) {
            img = Cifar10Policy.apply(img, SIZE, SIZE, rng);
        }
        normalise(img, 0, out);
        if (settings.randomErasing() && rng.nextDouble() < settings.erasingProbability()) {
            erase(out, SIZE, SIZE, rng);
        }
    }

    /**
     * Crop of the image zero-padded by {@code pad} on each side, at offset ({@code top}, {@code left}) of the padded
     * image, then mirrored left-right when {@code flip}: output (x, y) = input (x' + left − pad, y + top − pad) with
     * x' = w − 1 − x when flipped, 0 outside the input.
     */
    static byte[] cropFlip(byte[] img, int h, int w, int pad, int top, int left, boolean flip) {
        byte[] out = new byte[img.length];
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            int sy = y + top - pad;
            if (sy < 0 || sy >= h) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int sx = (flip ? w - 1 - x : x) + left - pad;
                if (sx < 0 || sx >= w) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    out[c * plane + y * w + x] = img[c * plane + sy * w + sx];
                }
            }
        }
        return out;
    }

    /** ToTensor and Normalize: image {@code index} of {@code pixels} → {@code out} (CHW floats). */
    static void normalise(byte[] pixels, int index, float[] out) {
        int base = index * CifarKind.IMAGE_BYTES;
        for (int c = 0; c < 3; c++) {
            float[] table = NORMALISED[c];
            int off = c * PLANE;
            for (int i = 0; i < PLANE; i++) {
                out[off + i] = table[pixels[base + off + i] & 0xff];
            }
        }
    }

    /**
     * torchvision's RandomErasing with value 0 (its probability already decided): up to 10 attempts to draw a
     * rectangle of area fraction U(0.02, 0.33) and aspect ratio log-uniform in (0.3, 3.3), sides rounded half to
     * even; the first that fits strictly inside the image is set to 0 in every channel at a uniform position.
     * If none fits the image is left as is.
     *
     * @return the rectangle {top, left, height, width}, or null when no attempt fitted
     */
    static int[] erase(float[] chw, int h, int w, SplitMix64 rng) {
        double area = h * w;
        for (int attempt = 0; attempt < ERASE_ATTEMPTS; attempt++) {
            double eraseArea = area * rng.nextUniform(ERASE_AREA_MIN, ERASE_AREA_MAX);
            double aspect = Math.exp(rng.nextUniform(ERASE_LOG_RATIO_MIN, ERASE_LOG_RATIO_MAX));
            int eh = (int) Math.rint(Math.sqrt(eraseArea * aspect));
            int ew = (int) Math.rint(Math.sqrt(eraseArea / aspect));
            if (!(eh < h && ew < w)) {
                continue;
            }
            int top = rng.nextInt(h - eh + 1);
            int left = rng.nextInt(w - ew + 1);
            for (int c = 0; c < 3; c++) {
                for (int y = top; y < top + eh; y++) {
                    int row = c * h * w + y * w;
                    java.util.Arrays.fill(chw, row + left, row + left + ew, 0f);
                }
            }
            return new int[] {top, left, eh, ew};
        }
        return null;
    }
}
