package dev.zennas.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zennas.data.CifarKind;
import org.junit.jupiter.api.Test;

/** Crop, flip, normalisation, random erasing and the settings record. */
class AugmentTransformsTest {

    /** 32×32 planar image with value (x + 3y + 40c) mod 256 at (c, y, x). */
    private static byte[] ramp() {
        byte[] img = new byte[CifarKind.IMAGE_BYTES];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    img[c * 1024 + y * 32 + x] = (byte) (x + 3 * y + 40 * c);
                }
            }
        }
        return img;
    }

    private static int at(byte[] img, int c, int y, int x) {
        return img[c * 1024 + y * 32 + x] & 0xff;
    }

    @Test
    void cropTakesA32WindowOfTheZeroPaddedImage() {
        byte[] img = ramp();
        // Offset (4, 4) of the 40×40 padded image is the image itself.
        assertThat(Augmenter.cropFlip(img, 32, 32, 4, 4, 4, false)).isEqualTo(img);
        // Offset (0, 0): the image moves 4 right and 4 down; the first 4 rows and columns are padding (0).
        byte[] tl = Augmenter.cropFlip(img, 32, 32, 4, 0, 0, false);
        assertThat(at(tl, 1, 3, 20)).isZero();
        assertThat(at(tl, 1, 20, 3)).isZero();
        assertThat(at(tl, 1, 4, 4)).isEqualTo(at(img, 1, 0, 0));
        assertThat(at(tl, 2, 31, 31)).isEqualTo(at(img, 2, 27, 27));
        // Offset (8, 2): output (x, y) = input (x − 2, y + 4).
        byte[] o = Augmenter.cropFlip(img, 32, 32, 4, 8, 2, false);
        assertThat(at(o, 0, 0, 2)).isEqualTo(at(img, 0, 4, 0));
        assertThat(at(o, 0, 27, 31)).isEqualTo(at(img, 0, 31, 29));
        assertThat(at(o, 0, 28, 10)).isZero();
    }

    @Test
    void flipMirrorsTheCrop() {
        byte[] img = ramp();
        byte[] f = Augmenter.cropFlip(img, 32, 32, 4, 4, 4, true);
        for (int x = 0; x < 32; x++) {
            assertThat(at(f, 2, 9, x)).isEqualTo(at(img, 2, 9, 31 - x));
        }
        assertThat(Augmenter.cropFlip(f, 32, 32, 0, 0, 0, true)).isEqualTo(img);
        // Crop at (0, 0) then flip: the padding ends up on the right.
        byte[] cf = Augmenter.cropFlip(img, 32, 32, 4, 0, 0, true);
        assertThat(at(cf, 0, 10, 31)).isZero();
        assertThat(at(cf, 0, 10, 27)).isEqualTo(at(img, 0, 6, 0));
    }

    @Test
    void normalisationMatchesToTensorThenNormalize() {
        byte[] img = new byte[CifarKind.IMAGE_BYTES];
        img[0] = 0;
        img[1] = (byte) 255;
        img[1024] = (byte) 128;
        img[2048 + 5] = (byte) 255;
        float[] out = new float[CifarKind.IMAGE_BYTES];
        Augmenter.normalise(img, 0, out);
        assertThat(out[0]).isEqualTo((0f - 0.4914f) / 0.2023f);
        assertThat(out[0]).isCloseTo(-2.42906f, within(1e-5f));
        assertThat(out[1]).isCloseTo((1 - 0.4914f) / 0.2023f, within(1e-6f));
        assertThat(out[1]).isCloseTo(2.51409f, within(1e-5f));
        assertThat(out[1024]).isEqualTo((128f / 255f - 0.4822f) / 0.1994f);
        assertThat(out[2048 + 5]).isCloseTo(2.75373f, within(1e-5f));
        // Image index selects the 3072-byte slot.
        byte[] two = new byte[2 * CifarKind.IMAGE_BYTES];
        two[CifarKind.IMAGE_BYTES] = (byte) 255;
        Augmenter.normalise(two, 1, out);
        assertThat(out[0]).isEqualTo(((float) 255 / 255f - 0.4914f) / 0.2023f);
    }

    @Test
    void erasingZeroesOneRectangleOfAllowedShape() {
        int erased = 0;
        for (long s = 0; s < 500; s++) {
            float[] chw = new float[CifarKind.IMAGE_BYTES];
            java.util.Arrays.fill(chw, 1f);
            int[] r = Augmenter.erase(chw, 32, 32, new SplitMix64(s));
            if (r == null) {
                assertThat(chw).containsOnly(1f);
                continue;
            }
            erased++;
            int top = r[0];
            int left = r[1];
            int h = r[2];
            int w = r[3];
            assertThat(h).isBetween(1, 31);
            assertThat(w).isBetween(1, 31);
            assertThat(top + h).isLessThanOrEqualTo(32);
            assertThat(left + w).isLessThanOrEqualTo(32);
            // Area fraction 0.02–0.33 before the sides are rounded; aspect 0.3–3.3 likewise.
            assertThat(h * w).isBetween(12, 400);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        boolean inside = y >= top && y < top + h && x >= left && x < left + w;
                        assertThat(chw[c * 1024 + y * 32 + x]).isEqualTo(inside ? 0f : 1f);
                    }
                }
            }
        }
        // With these ranges almost every draw fits at the first or a later attempt.
        assertThat(erased).isGreaterThan(490);
    }

    @Test
    void noAugmentationIsJustNormalisation() {
        byte[] img = ramp();
        float[] expected = new float[CifarKind.IMAGE_BYTES];
        Augmenter.normalise(img, 0, expected);
        float[] out = new float[CifarKind.IMAGE_BYTES];
        new Augmenter(AugmentSettings.none()).augment(img, 0, new SplitMix64(5), out);
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void augmentationIsAFunctionOfTheGenerator() {
        byte[] img = ramp();
        Augmenter a = new Augmenter(AugmentSettings.paper());
        float[] x = new float[CifarKind.IMAGE_BYTES];
        float[] y = new float[CifarKind.IMAGE_BYTES];
        a.augment(img, 0, new SplitMix64(42), x);
        a.augment(img, 0, new SplitMix64(42), y);
        assertThat(x).isEqualTo(y);
        a.augment(img, 0, new SplitMix64(43), y);
        assertThat(x).isNotEqualTo(y);
    }

    @Test
    void settingsFactoriesAndValidation() {
        AugmentSettings p = AugmentSettings.paper();
        assertThat(p).isEqualTo(new AugmentSettings(true, 4, true, true, true, 0.5, 0.1, true, 0.2));
        assertThat(p.describe()).isEqualTo("crop4 flip autoaugment erase0.5 smooth0.1 mixup0.2");
        AugmentSettings b = AugmentSettings.basic();
        assertThat(b.randomCrop()).isTrue();
        assertThat(b.cropPadding()).isEqualTo(4);
        assertThat(b.horizontalFlip()).isTrue();
        assertThat(b.labelSmoothing()).isEqualTo(0.1);
        assertThat(b.autoAugment() || b.randomErasing() || b.mixup()).isFalse();
        AugmentSettings n = AugmentSettings.none();
        assertThat(n.randomCrop() || n.horizontalFlip() || n.autoAugment() || n.randomErasing() || n.mixup())
                .isFalse();
        assertThat(n.labelSmoothing()).isZero();
        assertThat(n.describe()).isEqualTo("none");
        assertThat(n.withLabelSmoothing(0.2).labelSmoothing()).isEqualTo(0.2);
        assertThat(n.withMixup(true).mixup()).isTrue();

        assertThatThrownBy(() -> new AugmentSettings(true, -1, true, true, true, 0.5, 0.1, true, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cropPadding");
        assertThatThrownBy(() -> new AugmentSettings(true, 4, true, true, true, 1.5, 0.1, true, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("erasingProbability");
        assertThatThrownBy(() -> new AugmentSettings(true, 4, true, true, true, Double.NaN, 0.1, true, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("erasingProbability");
        assertThatThrownBy(() -> new AugmentSettings(true, 4, true, true, true, 0.5, 1.0, true, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelSmoothing");
        assertThatThrownBy(() -> new AugmentSettings(true, 4, true, true, true, 0.5, -0.1, true, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelSmoothing");
        assertThatThrownBy(() -> new AugmentSettings(true, 4, true, true, true, 0.5, 0.1, true, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixupAlpha");
        // α is not checked when mixup is off.
        assertThat(new AugmentSettings(true, 4, true, true, true, 0.5, 0.1, false, 0).mixup()).isFalse();
    }
}
