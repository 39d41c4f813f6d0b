package dev.zennas.search;

/**
 * One population entry: a structure string, its (single, noisy) score, and the iteration that produced it.
 * Duplicated strings are allowed, as in the official code (conventions T20).
 */
public record Member(String structure, double score, long iteration) {}
