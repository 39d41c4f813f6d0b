package dev.zennas.budget;

import dev.zennas.arch.Structure;

/**
 * Latency of a structure's deployed network in milliseconds per image, as a search budget checks it. Implementations
 * must be cheap (a search calls it for every candidate): a predictor, not a measurement.
 */
@FunctionalInterface
public interface LatencyModel {
    double msPerImage(Structure s, int resolution, int numClasses);
}
