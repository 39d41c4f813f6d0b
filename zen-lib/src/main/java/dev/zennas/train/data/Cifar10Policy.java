package dev.zennas.train.data;

/**
 * The AutoAugment CIFAR-10 policy (Cubuk et al., 2019) in the form the Zen-NAS recipe uses: 25 sub-policies, each
 * two (operation, probability, magnitude index) steps; per image one sub-policy is chosen uniformly, and each of its
 * steps runs with its probability. Magnitude index m in 0..9 maps linearly onto each operation's range (shear 0–0.3,
 * translate 0–150/331 of the image size, rotate 0–30°, color/contrast/sharpness/brightness factor 1 ± 0–0.9,
 * posterize 8–4 bits rounded, solarize threshold 256–0); shear, translate and the four enhancements pick a random
 * sign, rotation does not. Shear is bicubic, translation and rotation nearest neighbour, all with gray fill.
 */
final class Cifar10Policy {

    /** One operation with its magnitude range. */
    enum Op {
        SHEAR_X(0, 0.3, true), SHEAR_Y(0, 0.3, true),
        TRANSLATE_X(0, 150.0 / 331, true), TRANSLATE_Y(0, 150.0 / 331, true),
        ROTATE(0, 30, false),
        COLOR(0, 0.9, true), POSTERIZE(8, 4, false), SOLARIZE(256, 0, false), CONTRAST(0, 0.9, true),
        SHARPNESS(0, 0.9, true), BRIGHTNESS(0, 0.9, true),
        AUTOCONTRAST(0, 0, false), EQUALIZE(0, 0, false), INVERT(0, 0, false);

        private final double from;
        private final double to;
        private final boolean signed;

        Op(double from, double to, boolean signed) {
            this.from = from;
            this.to = to;
            this.signed = signed;
        }

        /**
         * The magnitude for index {@code m} (0..9): {@code from + m * (to − from) / 9}, the last one exactly
         * {@code to} (how NumPy's {@code linspace} computes it); posterize bits are rounded half to even.
         */
        double magnitude(int m) {
            if (m < 0 || m > 9) {
                throw new IllegalArgumentException("magnitude index must be 0..9, got " + m);
            }
            double v = m == 9 ? to : m * ((to - from) / 9) + from;
            return this == POSTERIZE ? Math.rint(v) : v;
        }

        /** Applies the operation with magnitude index {@code m}; signed operations draw their sign from rng. */
        byte[] apply(byte[] img, int h, int w, int m, SplitMix64 rng) {
            double v = magnitude(m);
            if (signed && rng.nextBoolean()) {
                v = -v;
            }
            return switch (this) {
                case SHEAR_X -> PilOps.shearX(img, h, w, v);
                case SHEAR_Y -> PilOps.shearY(img, h, w, v);
                case TRANSLATE_X -> PilOps.translateX(img, h, w, v * w);
                case TRANSLATE_Y -> PilOps.translateY(img, h, w, v * h);
                case ROTATE -> PilOps.rotate(img, h, w, v);
                case COLOR -> PilOps.color(img, 1 + v);
                case POSTERIZE -> PilOps.posterize(img, (int) v);
                case SOLARIZE -> PilOps.solarize(img, v);
                case CONTRAST -> PilOps.contrast(img, 1 + v);
                case SHARPNESS -> PilOps.sharpness(img, h, w, 1 + v);
                case BRIGHTNESS -> PilOps.brightness(img, 1 + v);
                case AUTOCONTRAST -> PilOps.autoContrast(img);
                case EQUALIZE -> PilOps.equalize(img);
                case INVERT -> PilOps.invert(img);
            };
        }
    }

    /** Two steps, each applied with its own probability. */
    record SubPolicy(double p1, Op op1, int m1, double p2, Op op2, int m2) {
        byte[] apply(byte[] img, int h, int w, SplitMix64 rng) {
            if (rng.nextDouble() < p1) {
                img = op1.apply(img, h, w, m1, rng);
            }
            if (rng.nextDouble() < p2) {
                img = op2.apply(img, h, w, m2, rng);
            }
            return img;
        }
    }

    /** The 25 sub-policies, in the paper's order. */
    static final SubPolicy[] POLICIES = {
        new SubPolicy(0.1, Op.INVERT, 7, 0.2, Op.CONTRAST, 6),
        new SubPolicy(0.7, Op.ROTATE, 2, 0.3, Op.TRANSLATE_X, 9),
        new SubPolicy(0.8, Op.SHARPNESS, 1, 0.9, Op.SHARPNESS, 3),
        new SubPolicy(0.5, Op.SHEAR_Y, 8, 0.7, Op.TRANSLATE_Y, 9),
        new SubPolicy(0.5, Op.AUTOCONTRAST, 8, 0.9, Op.EQUALIZE, 2),

        new SubPolicy(0.2, Op.SHEAR_Y, 7, 0.3, Op.POSTERIZE, 7),
        new SubPolicy(0.4, Op.COLOR, 3, 0.6, Op.BRIGHTNESS, 7),
        new SubPolicy(0.3, Op.SHARPNESS, 9, 0.7, Op.BRIGHTNESS, 9),
        new SubPolicy(0.6, Op.EQUALIZE, 5, 0.5, Op.EQUALIZE, 1),
        new SubPolicy(0.6, Op.CONTRAST, 7, 0.6, Op.SHARPNESS, 5),

        new SubPolicy(0.7, Op.COLOR, 7, 0.5, Op.TRANSLATE_X, 8),
        new SubPolicy(0.3, Op.EQUALIZE, 7, 0.4, Op.AUTOCONTRAST, 8),
        new SubPolicy(0.4, Op.TRANSLATE_Y, 3, 0.2, Op.SHARPNESS, 6),
        new SubPolicy(0.9, Op.BRIGHTNESS, 6, 0.2, Op.COLOR, 8),
        new SubPolicy(0.5, Op.SOLARIZE, 2, 0.0, Op.INVERT, 3),

        new SubPolicy(0.2, Op.EQUALIZE, 0, 0.6, Op.AUTOCONTRAST, 0),
        new SubPolicy(0.2, Op.EQUALIZE, 8, 0.6, Op.EQUALIZE, 4),
        new SubPolicy(0.9, Op.COLOR, 9, 0.6, Op.EQUALIZE, 6),
        new SubPolicy(0.8, Op.AUTOCONTRAST, 4, 0.2, Op.SOLARIZE, 8),
        new SubPolicy(0.1, Op.BRIGHTNESS, 3, 0.7, Op.COLOR, 0),

        new SubPolicy(0.4, Op.SOLARIZE, 5, 0.9, Op.AUTOCONTRAST, 3),
        new SubPolicy(0.9, Op.TRANSLATE_Y, 9, 0.7, Op.TRANSLATE_Y, 9),
        new SubPolicy(0.9, Op.AUTOCONTRAST, 2, 0.8, Op.SOLARIZE, 3),
        new SubPolicy(0.8, Op.EQUALIZE, 8, 0.1, Op.INVERT, 3),
        new SubPolicy(0.7, Op.TRANSLATE_Y, 9, 0.9, Op.AUTOCONTRAST, 1),
    };

    private Cifar10Policy() {
    }

    /** Applies one uniformly chosen sub-policy. */
    static byte[] apply(byte[] img, int h, int w, SplitMix64 rng) {
        return POLICIES[rng.nextInt(POLICIES.length)].apply(img, h, w, rng);
    }
}
