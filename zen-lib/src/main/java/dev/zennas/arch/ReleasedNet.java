package dev.zennas.arch;

import java.util.OptionalDouble;

/**
 * A released ZenNet (conventions §5): its structure and the numbers the paper/README publish for it. Published values are
 * facts copied from the paper's appendix and the official README; they are not recomputed here (compare them with
 * {@link #counts()}).
 *
 * @param evalCrop    evaluation crop before the bilinear resize to {@code resolution} (ImageNet protocol, conventions T18)
 * @param top1        published top-1 accuracy in percent
 * @param latencyV100 ms per image at batch 64, FP16 (empty for CIFAR nets)
 * @param latencyT4   ms per image at batch 64, TensorRT INT8
 * @param latencyPixel2 ms for one image on a Pixel 2
 * @param searchPreset  the search preset whose budget this net stands for (empty when none; the 800M FLOPs preset
 *                      maps to the 900M-SE net, the closest released one)
 */
public record ReleasedNet(String name, String dataset, int resolution, int numClasses, boolean se, int evalCrop,
                          Structure structure, double paramsM, double flopsM, double top1, OptionalDouble latencyV100,
                          OptionalDouble latencyT4, OptionalDouble latencyPixel2, String paperName, String source,
                          String note, String searchPreset) {

    /** Analytic counts at the net's own resolution and classes, with SE when the net is deployed with SE. */
    public Counts counts() {
        return Counts.of(structure, resolution, numClasses, se);
    }
}
