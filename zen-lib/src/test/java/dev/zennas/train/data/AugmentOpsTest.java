package dev.zennas.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zennas.train.data.Cifar10Policy.Op;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The AutoAugment operations against values worked out by hand from Pillow's integer rules, on tiny images
 * (planar RGB bytes).
 */
class AugmentOpsTest {

    /** An h×w image whose value at (c, y, x) is {@code f(c, y, x)}. */
    private static byte[] image(int h, int w, Pixel f) {
        byte[] img = new byte[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img[(c * h + y) * w + x] = (byte) f.value(c, y, x);
                }
            }
        }
        return img;
    }

    private static int at(byte[] img, int h, int w, int c, int y, int x) {
        return img[(c * h + y) * w + x] & 0xff;
    }

    interface Pixel {
        int value(int c, int y, int x);
    }

    /** Distinct values 10·(4y + x) + c on a 4×4 image, so every pixel's origin can be read back. */
    private static final byte[] GRID = image(4, 4, (c, y, x) -> 10 * (4 * y + x) + c);

    @Test
    void invertPosterizeSolarize() {
        byte[] img = image(1, 4, (c, y, x) -> new int[] {0, 127, 128, 0xAB}[x]);
        assertThat(at(PilOps.invert(img), 1, 4, 0, 0, 3)).isEqualTo(255 - 0xAB);
        assertThat(at(PilOps.invert(img), 1, 4, 2, 0, 0)).isEqualTo(255);
        byte[] p4 = PilOps.posterize(img, 4);
        assertThat(at(p4, 1, 4, 0, 0, 3)).isEqualTo(0xA0);
        assertThat(at(p4, 1, 4, 1, 0, 1)).isEqualTo(0x70);
        assertThat(PilOps.posterize(img, 8)).isEqualTo(img);
        byte[] s = PilOps.solarize(img, 128);
        assertThat(new int[] {at(s, 1, 4, 0, 0, 0), at(s, 1, 4, 0, 0, 1), at(s, 1, 4, 0, 0, 2), at(s, 1, 4, 0, 0, 3)})
                .containsExactly(0, 127, 127, 255 - 0xAB);
        assertThat(PilOps.solarize(img, 256)).isEqualTo(img);
        assertThat(PilOps.solarize(img, 0)).isEqualTo(PilOps.invert(img));
    }

    @Test
    void equalizeFollowsPillowsCumulativeHistogram() {
        // 32×32 = 1024 pixels per channel.
        // R: 512 × 10, 256 × 50, 256 × 90 → step = (1024 − 256) / 255 = 3, n starts at 1:
        //    10 → 1/3 = 0, 50 → (1 + 512)/3 = 171, 90 → (1 + 768)/3 = 256, clipped to 255.
        // G: one value only → unchanged.
        // B: 1000 × 0, 24 × 255 → step = 1000/255 = 3: 0 → 0, 255 → 1001/3 = 333 → 255.
        byte[] img = image(32, 32, (c, y, x) -> {
            int i = 32 * y + x;
            return switch (c) {
                case 0 -> i < 512 ? 10 : i < 768 ? 50 : 90;
                case 1 -> 77;
                default -> i < 1000 ? 0 : 255;
            };
        });
        byte[] eq = PilOps.equalize(img);
        assertThat(at(eq, 32, 32, 0, 0, 0)).isEqualTo(0);
        assertThat(at(eq, 32, 32, 0, 16, 0)).isEqualTo(171);
        assertThat(at(eq, 32, 32, 0, 31, 31)).isEqualTo(255);
        assertThat(at(eq, 32, 32, 1, 5, 5)).isEqualTo(77);
        assertThat(at(eq, 32, 32, 2, 0, 0)).isEqualTo(0);
        assertThat(at(eq, 32, 32, 2, 31, 31)).isEqualTo(255);

        // Too few pixels for a step (1024 − 1000 < 255 would need N − last ≥ 255): left unchanged.
        byte[] small = image(2, 2, (c, y, x) -> 40 * (2 * y + x));
        assertThat(PilOps.equalize(small)).isEqualTo(small);
    }

    @Test
    void autoContrastStretchesEachChannel() {
        // R spans 64..192: scale 255/128 = 1.9921875, offset −127.5 (both exact in binary).
        byte[] img = image(1, 4, (c, y, x) -> c == 0 ? new int[] {64, 100, 128, 192}[x] : c == 1 ? 9 : 3 * x);
        byte[] ac = PilOps.autoContrast(img);
        assertThat(new int[] {at(ac, 1, 4, 0, 0, 0), at(ac, 1, 4, 0, 0, 1), at(ac, 1, 4, 0, 0, 2),
                at(ac, 1, 4, 0, 0, 3)}).containsExactly(0, 71, 127, 255);
        assertThat(at(ac, 1, 4, 1, 0, 2)).as("a flat channel is left alone").isEqualTo(9);
        // B spans 0..9: 255/9 per step, truncated: 3 → 85, 6 → 170, 9 → 255.
        assertThat(new int[] {at(ac, 1, 4, 2, 0, 0), at(ac, 1, 4, 2, 0, 1), at(ac, 1, 4, 2, 0, 2),
                at(ac, 1, 4, 2, 0, 3)}).containsExactly(0, 85, 170, 255);
    }

    @Test
    void enhancementsBlendWithTheirDegenerateImage() {
        // One red pixel: L = (255·19595 + 2^15) >> 16 = 76.
        byte[] red = {(byte) 255, 0, 0};
        assertThat(PilOps.luma(255, 0, 0)).isEqualTo(76);
        assertThat(PilOps.color(red, 0.0)).containsExactly(76, 76, 76);
        // 1.9 extrapolates: R = 76 + 1.9·179 → clipped to 255; G = B = 76 − 1.9·76 → clipped to 0.
        assertThat(PilOps.color(red, 1.9)).containsExactly((byte) 255, 0, 0);
        // 0.5: R = (int) (76 + 0.5·179) = 165, G = B = (int) (76 − 38) = 38.
        assertThat(PilOps.color(red, 0.5)).containsExactly((byte) 165, 38, 38);
        // A gray image has no colour to change.
        byte[] gray = image(2, 2, (c, y, x) -> 50 * (y + x));
        assertThat(PilOps.color(gray, 1.9)).isEqualTo(gray);

        byte[] b = image(1, 2, (c, y, x) -> x == 0 ? 201 : 100);
        assertThat(PilOps.brightness(b, 0.5)).containsExactly(100, 50, 100, 50, 100, 50);
        assertThat(PilOps.brightness(b, 1.5)).containsExactly((byte) 255, (byte) 150, (byte) 255, (byte) 150,
                (byte) 255, (byte) 150);
        assertThat(PilOps.brightness(b, 1.0)).isEqualTo(b);

        // Contrast: gray levels 0 and 100 → mean 50; factor 0 → 50 everywhere; 0.5 → 25 and 75.
        byte[] k = image(1, 2, (c, y, x) -> 100 * x);
        assertThat(PilOps.contrast(k, 0.0)).containsOnly(50);
        assertThat(PilOps.contrast(k, 0.5)).containsExactly(25, 75, 25, 75, 25, 75);
        // Extrapolation clips: 50 + 1.9 · (100 − 50) = 145, 50 − 95 → 0.
        assertThat(PilOps.contrast(k, 1.9)).containsExactly(0, (byte) 145, 0, (byte) 145, 0, (byte) 145);
    }

    @Test
    void sharpnessUsesPillowsSmoothKernelAndKeepsTheBorder() {
        // 3×3, centre 130, rest 0: SMOOTH gives the centre (5·130)/13 + 0.5 → 50; the border stays as it is.
        byte[] img = image(3, 3, (c, y, x) -> y == 1 && x == 1 ? 130 : 0);
        byte[] blurred = PilOps.sharpness(img, 3, 3, 0.0);
        assertThat(at(blurred, 3, 3, 0, 1, 1)).isEqualTo(50);
        assertThat(at(blurred, 3, 3, 2, 1, 1)).isEqualTo(50);
        assertThat(at(blurred, 3, 3, 1, 0, 1)).isZero();
        // Factor 2 extrapolates away from the blur: 50 + 2·(130 − 50) = 210.
        assertThat(at(PilOps.sharpness(img, 3, 3, 2.0), 3, 3, 0, 1, 1)).isEqualTo(210);
        // A uniform image is its own blur.
        byte[] flat = image(5, 5, (c, y, x) -> 90 + c);
        assertThat(PilOps.sharpness(flat, 5, 5, 1.9)).isEqualTo(flat);
    }

    @Test
    void translateShiftsWithPillowsRoundingAndGrayFill() {
        // +1: output x takes input x + 1; the last column comes from outside → gray.
        byte[] t = PilOps.translateX(GRID, 4, 4, 1.0);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 3; x++) {
                assertThat(at(t, 4, 4, 1, y, x)).isEqualTo(at(GRID, 4, 4, 1, y, x + 1));
            }
            assertThat(at(t, 4, 4, 1, y, 3)).isEqualTo(PilOps.FILL);
        }
        // Pixel centres: input x = floor(x + 0.5 + shift), so 1.5 shifts by 2 and −1.5 by −1.
        assertThat(at(PilOps.translateX(GRID, 4, 4, 1.5), 4, 4, 0, 0, 0)).isEqualTo(at(GRID, 4, 4, 0, 0, 2));
        byte[] back = PilOps.translateX(GRID, 4, 4, -1.5);
        assertThat(at(back, 4, 4, 0, 2, 0)).isEqualTo(PilOps.FILL);
        assertThat(at(back, 4, 4, 0, 2, 1)).isEqualTo(at(GRID, 4, 4, 0, 2, 0));
        // Vertical: −1 moves the image down one row.
        byte[] down = PilOps.translateY(GRID, 4, 4, -1.0);
        assertThat(at(down, 4, 4, 2, 0, 3)).isEqualTo(PilOps.FILL);
        assertThat(at(down, 4, 4, 2, 3, 3)).isEqualTo(at(GRID, 4, 4, 2, 2, 3));

        // The policy's largest translation on 32 pixels: 150/331 · 32 = 14.50 → a 15-pixel shift either way.
        byte[] big = image(32, 32, (c, y, x) -> x);
        double shift = Op.TRANSLATE_X.magnitude(9) * 32;
        byte[] left = PilOps.translateX(big, 32, 32, shift);
        assertThat(at(left, 32, 32, 0, 7, 0)).isEqualTo(15);
        assertThat(at(left, 32, 32, 0, 7, 16)).isEqualTo(31);
        assertThat(at(left, 32, 32, 0, 7, 17)).isEqualTo(PilOps.FILL);
        byte[] right = PilOps.translateX(big, 32, 32, -shift);
        assertThat(at(right, 32, 32, 0, 7, 14)).isEqualTo(PilOps.FILL);
        assertThat(at(right, 32, 32, 0, 7, 15)).isEqualTo(0);
        assertThat(at(right, 32, 32, 0, 7, 31)).isEqualTo(16);
    }

    @Test
    void rotateIsCounterClockwiseAboutTheCentre() {
        // 90° counter-clockwise: output (x, y) = input (w − 1 − y, x); the top-left pixel comes from the top-right.
        byte[] r90 = PilOps.rotate(GRID, 4, 4, 90);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(at(r90, 4, 4, 0, y, x)).isEqualTo(at(GRID, 4, 4, 0, x, 3 - y));
            }
        }
        // The general fixed-point path gives the same for 90° and 270° (Pillow rounds cos 90° to exactly 0).
        assertThat(PilOps.affineNearest(GRID, 4, 4, PilOps.rotationMatrix(4, 4, 90))).isEqualTo(r90);
        assertThat(PilOps.affineNearest(GRID, 4, 4, PilOps.rotationMatrix(4, 4, 270)))
                .isEqualTo(PilOps.rotate(GRID, 4, 4, 270));
        assertThat(PilOps.rotate(PilOps.rotate(GRID, 4, 4, 180), 4, 4, 180)).isEqualTo(GRID);
        assertThat(PilOps.rotate(GRID, 4, 4, -90)).isEqualTo(PilOps.rotate(GRID, 4, 4, 270));
        assertThat(PilOps.rotate(GRID, 4, 4, 360)).isEqualTo(GRID);

        // The policy's 6.67°: a uniform image keeps its centre and gets gray corners.
        byte[] flat = image(32, 32, (c, y, x) -> 200);
        byte[] r = PilOps.rotate(flat, 32, 32, Op.ROTATE.magnitude(2));
        assertThat(at(r, 32, 32, 0, 16, 16)).isEqualTo(200);
        assertThat(at(r, 32, 32, 1, 0, 0)).isEqualTo(PilOps.FILL);
        assertThat(at(r, 32, 32, 2, 31, 31)).isEqualTo(PilOps.FILL);
        // Counter-clockwise: the top-right corner comes from beyond the top edge, the top-left from beyond the left.
        assertThat(at(r, 32, 32, 0, 0, 31)).isEqualTo(PilOps.FILL);
    }

    @Test
    void shearIsBicubicWithGrayFill() {
        // Pillow's cubic (a = −1) reproduces straight lines: halfway between 20 and 30 is 25.
        assertThat(PilOps.cubic(10, 20, 30, 40, 0.5)).isEqualTo(25.0);
        assertThat(PilOps.cubic(10, 20, 30, 40, 0.0)).isEqualTo(20.0);
        assertThat(PilOps.cubic(0, 0, 255, 255, 0.5)).isEqualTo(127.5);
        assertThat(PilOps.shearX(GRID, 4, 4, 0.0)).isEqualTo(GRID);
        assertThat(PilOps.shearY(GRID, 4, 4, 0.0)).isEqualTo(GRID);

        // Uniform 8×8, shear 0.3: output (x, y) samples input x + 0.3 (y + 0.5); outside → gray. Row 7: x + 0.5 + 2.25
        // must stay below 8, so x ≤ 5 keeps the value and x = 6, 7 are gray.
        byte[] flat = image(8, 8, (c, y, x) -> 60);
        byte[] s = PilOps.shearX(flat, 8, 8, 0.3);
        assertThat(at(s, 8, 8, 0, 7, 5)).isEqualTo(60);
        assertThat(at(s, 8, 8, 0, 7, 6)).isEqualTo(PilOps.FILL);
        assertThat(at(s, 8, 8, 0, 0, 7)).isEqualTo(60); // 7.5 + 0.15 < 8
        byte[] sNeg = PilOps.shearX(flat, 8, 8, -0.3);
        assertThat(at(sNeg, 8, 8, 0, 7, 1)).isEqualTo(PilOps.FILL); // 1.5 − 2.25 < 0
        assertThat(at(sNeg, 8, 8, 0, 7, 2)).isEqualTo(60);
        // Shear Y moves columns: the last column (x = 7) samples y + 0.3 · 7.5 = y + 2.25.
        byte[] sy = PilOps.shearY(flat, 8, 8, 0.3);
        assertThat(at(sy, 8, 8, 1, 6, 7)).isEqualTo(PilOps.FILL);
        assertThat(at(sy, 8, 8, 1, 5, 7)).isEqualTo(60);

        // A horizontal ramp sheared vertically is unchanged where the sample stays inside (columns only move).
        byte[] ramp = image(8, 8, (c, y, x) -> 20 * x);
        byte[] rs = PilOps.shearY(ramp, 8, 8, 0.3);
        assertThat(at(rs, 8, 8, 0, 0, 6)).isEqualTo(120);
    }

    @Test
    void policyMagnitudesAndSubPolicies() {
        assertThat(Cifar10Policy.POLICIES).hasSize(25);
        assertThat(Op.SHEAR_X.magnitude(9)).isEqualTo(0.3);
        assertThat(Op.SHEAR_Y.magnitude(8)).isCloseTo(0.3 * 8 / 9, within(1e-15));
        assertThat(Op.TRANSLATE_Y.magnitude(9)).isEqualTo(150.0 / 331);
        assertThat(Op.ROTATE.magnitude(2)).isCloseTo(20.0 / 3, within(1e-12));
        assertThat(Op.COLOR.magnitude(0)).isZero();
        assertThat(Op.BRIGHTNESS.magnitude(9)).isEqualTo(0.9);
        int[] bits = new int[10];
        for (int m = 0; m < 10; m++) {
            bits[m] = (int) Op.POSTERIZE.magnitude(m);
        }
        assertThat(bits).containsExactly(8, 8, 7, 7, 6, 6, 5, 5, 4, 4);
        assertThat(Op.SOLARIZE.magnitude(0)).isEqualTo(256.0);
        assertThat(Op.SOLARIZE.magnitude(9)).isEqualTo(0.0);
        assertThat(Op.SOLARIZE.magnitude(2)).isCloseTo(256 - 2 * 256.0 / 9, within(1e-12));
        // Table spot checks (first, a middle and the last sub-policy).
        assertThat(Cifar10Policy.POLICIES[0]).isEqualTo(new Cifar10Policy.SubPolicy(0.1, Op.INVERT, 7, 0.2,
                Op.CONTRAST, 6));
        assertThat(Cifar10Policy.POLICIES[14]).isEqualTo(new Cifar10Policy.SubPolicy(0.5, Op.SOLARIZE, 2, 0.0,
                Op.INVERT, 3));
        assertThat(Cifar10Policy.POLICIES[24]).isEqualTo(new Cifar10Policy.SubPolicy(0.7, Op.TRANSLATE_Y, 9, 0.9,
                Op.AUTOCONTRAST, 1));
    }

    @Test
    void policyIsDeterministicPerSeedAndLeavesItsInputAlone() {
        byte[] img = image(32, 32, (c, y, x) -> (7 * x + 13 * y + 50 * c) & 0xff);
        byte[] copy = img.clone();
        int changed = 0;
        for (long s = 0; s < 200; s++) {
            byte[] a = Cifar10Policy.apply(img, 32, 32, new SplitMix64(s));
            byte[] b = Cifar10Policy.apply(img, 32, 32, new SplitMix64(s));
            assertThat(a).isEqualTo(b);
            if (!Arrays.equals(a, img)) {
                changed++;
            }
        }
        assertThat(img).isEqualTo(copy);
        // Every sub-policy has a step with probability ≥ 0.2, so most images change; some are left as they are.
        assertThat(changed).isBetween(100, 199);
    }
}
