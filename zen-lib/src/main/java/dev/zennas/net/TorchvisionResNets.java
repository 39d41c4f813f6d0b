package dev.zennas.net;

import ai.djl.nn.SequentialBlock;
import dev.zennas.blocks.BatchNorm2d;
import dev.zennas.blocks.Conv;
import dev.zennas.blocks.MaxPool;
import dev.zennas.blocks.Relu;

/**
 * torchvision-layout ResNets with the residual links (and their downsample projections) removed, as the Zen-NAS
 * paper scores them for Table 5: 7×7/2 stem (padding 3) + BN + ReLU + 3×3/2 max-pool, basic or bottleneck blocks
 * (stride on the 3×3 conv, v1.5), a ReLU where the residual add was, BN eps 1e-5, PyTorch momentum 0.1. Score them
 * with {@code Proxies.target(name, features(depth), 3, 224, 1000)}.
 */
public final class TorchvisionResNets {
    /** The depths of the paper's Table 5. */
    public static final java.util.List<Integer> DEPTHS = java.util.List.of(18, 34, 50, 101, 152);

    private TorchvisionResNets() {
    }

    /** The feature extractor (no pooling head) of ResNet-{@code depth}: 18, 34, 50, 101 or 152. */
    public static SequentialBlock features(int depth) {
        int[] layers;
        boolean bottleneck;
        switch (depth) {
            case 18 -> { layers = new int[] {2, 2, 2, 2}; bottleneck = false; }
            case 34 -> { layers = new int[] {3, 4, 6, 3}; bottleneck = false; }
            case 50 -> { layers = new int[] {3, 4, 6, 3}; bottleneck = true; }
            case 101 -> { layers = new int[] {3, 4, 23, 3}; bottleneck = true; }
            case 152 -> { layers = new int[] {3, 8, 36, 3}; bottleneck = true; }
            default -> throw new IllegalArgumentException("no torchvision ResNet of depth " + depth + "; expected one of " + DEPTHS);
        }
        SequentialBlock net = new SequentialBlock()
                .add(new Conv(3, 64, 7, 2, 1, false, 3)).add(bn(64)).add(new Relu())
                .add(new MaxPool(3, 2, 1));
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width = 64 << stage;
            for (int b = 0; b < layers[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                if (bottleneck) {
                    int out = width * 4;
                    net.add(Conv.of(in, width, 1, 1)).add(bn(width)).add(new Relu())
                            .add(Conv.of(width, width, 3, stride)).add(bn(width)).add(new Relu())
                            .add(Conv.of(width, out, 1, 1)).add(bn(out)).add(new Relu());
                    in = out;
                } else {
                    net.add(Conv.of(in, width, 3, stride)).add(bn(width)).add(new Relu())
                            .add(Conv.of(width, width, 3, 1)).add(bn(width)).add(new Relu());
                    in = width;
                }
            }
        }
        return net;
    }

    private static BatchNorm2d bn(int c) {
        return new BatchNorm2d(c, 1e-5, 0.1);
    }
}
