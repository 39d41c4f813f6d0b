package dev.zennas.search;

import dev.zennas.arch.Structure;

/**
 * A score for a candidate structure, higher is better: what re-scoring a run's finalists and comparing the best with
 * a released net call ({@link SearchReport#rescoreTop}, {@link RescoredBest}); {@link Scorers#create} gives the
 * proxy-backed one. All randomness (weights, inputs) must come from {@code seed}, so a score is a pure function of
 * (structure, seed). The search itself scores through its {@link dev.zennas.scoring.ScoringExecutor}.
 */
@FunctionalInterface
public interface CandidateScorer {
    double score(Structure s, long seed);
}
