package dev.zennas.search;

/** Official semantics (the released code's loop, conventions §4.1) or the faster mode that goes beyond the paper. */
public enum SearchMode { OFFICIAL, FAST }
