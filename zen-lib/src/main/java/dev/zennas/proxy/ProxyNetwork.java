package dev.zennas.proxy;

import ai.djl.nn.Block;

/**
 * A network as proxies see it: {@code features} maps the image batch to the pre-GAP feature map (what the
 * Zen-Score differences), {@code head} maps that map to logits (GAP + FC). {@code head} may be null when
 * {@code features} already produces logits (a user block that is a whole classifier).
 */
public record ProxyNetwork(Block features, Block head) {
    public ProxyNetwork {
        if (features == null) {
            throw new IllegalArgumentException("ProxyNetwork needs a features block");
        }
    }
}
