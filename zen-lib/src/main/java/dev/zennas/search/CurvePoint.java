package dev.zennas.search;

/** One point of the score curve: population statistics after {@code iteration} iterations. */
public record CurvePoint(long iteration, double best, double median, double worst, int size, double seconds) {}
