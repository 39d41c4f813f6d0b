package dev.zennas.proxy;

import ai.djl.nn.SequentialBlock;

/** The torchvision-layout ResNets without residual links of the paper's Table 5 (see the library class). */
final class TorchvisionResNets {
    private TorchvisionResNets() {
    }

    static SequentialBlock features(int depth) {
        return dev.zennas.net.TorchvisionResNets.features(depth);
    }
}
