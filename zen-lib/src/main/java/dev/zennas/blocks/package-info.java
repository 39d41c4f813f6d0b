/**
 * Fast DJL blocks for Zen-NAS networks: raw NDArray ops inside {@link ai.djl.nn.AbstractBlock}s, analytic output
 * shapes (initialisation runs no forward, so networks can be built at batch 1), and standard parameter names
 * ({@code weight}, {@code bias}, {@code gamma}, {@code beta}, {@code runningMean}, {@code runningVar}) so that
 * proxies can treat any block alike.
 */
package dev.zennas.blocks;
