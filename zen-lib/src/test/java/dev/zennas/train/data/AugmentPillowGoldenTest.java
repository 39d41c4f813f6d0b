package dev.zennas.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.data.CifarDataset;
import dev.zennas.data.CifarKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every AutoAugment operation, at every magnitude of the policy and both signs, on four real CIFAR-10 images, must
 * give byte for byte what Pillow gives: {@code pillow_golden.tsv} holds the SHA-256 of Pillow's outputs, written by
 * {@code pillow_golden.py} next to it (which calls Pillow the way the reference policy does).
 */
class AugmentPillowGoldenTest {

    @Test
    void everyOperationMatchesPillowByteForByte() throws IOException {
        CifarDataset test = CifarDataset.load(CifarKind.CIFAR10, false).first(4);
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("pillow_golden.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                String op = f[0];
                double param = Double.parseDouble(f[1]);
                int image = Integer.parseInt(f[2]);
                byte[] img = Arrays.copyOfRange(test.pixels(), image * 3072, (image + 1) * 3072);
                String got = sha256(apply(op, param, img));
                rows++;
                if (!got.equals(f[3])) {
                    mismatches.add(op + " " + f[1] + " image " + image);
                }
            }
        }
        assertThat(rows).isEqualTo(832);
        assertThat(mismatches).isEmpty();
    }

    private static byte[] apply(String op, double v, byte[] img) {
        return switch (op) {
            case "shearX" -> PilOps.shearX(img, 32, 32, v);
            case "shearY" -> PilOps.shearY(img, 32, 32, v);
            case "translateX" -> PilOps.translateX(img, 32, 32, v);
            case "translateY" -> PilOps.translateY(img, 32, 32, v);
            case "rotate" -> PilOps.rotate(img, 32, 32, v);
            case "color" -> PilOps.color(img, v);
            case "contrast" -> PilOps.contrast(img, v);
            case "sharpness" -> PilOps.sharpness(img, 32, 32, v);
            case "brightness" -> PilOps.brightness(img, v);
            case "posterize" -> PilOps.posterize(img, (int) v);
            case "solarize" -> PilOps.solarize(img, v);
            case "autocontrast" -> PilOps.autoContrast(img);
            case "equalize" -> PilOps.equalize(img);
            case "invert" -> PilOps.invert(img);
            default -> throw new IllegalArgumentException("unknown operation " + op);
        };
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
