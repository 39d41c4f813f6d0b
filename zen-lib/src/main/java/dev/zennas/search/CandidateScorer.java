package dev.zennas.search;

import dev.zennas.arch.Structure;

/**
 * The fitness of the search: a score for a candidate structure, higher is better. Implementations need not be
 * thread-safe: the search creates one instance per worker thread from a {@link FitnessSpec} via {@link Scorers}.
 * All randomness (weights, inputs) must come from {@code seed}, so a score is a pure function of
 * (structure, seed) and results do not depend on the number of workers.
 */
@FunctionalInterface
public interface CandidateScorer {
    double score(Structure s, long seed);
}
