/**
 * The Zen-NAS evolutionary search (conventions §4): {@link dev.zennas.search.EvolutionSearch} (the official loop, parallel
 * steps, fast mode), {@link dev.zennas.search.SearchSettings} and {@link dev.zennas.search.Presets} (one per official
 * script), {@link dev.zennas.search.SearchRun} (run directory, ledger, atomic snapshots, resume),
 * {@link dev.zennas.search.Scorers} (fitness by name: every {@code dev.zennas.proxy} proxy plus cheap analytic and test
 * scorers) and {@link dev.zennas.search.SearchReport} (curve, rejections, best vs released).
 *
 * <p>Determinism: every random decision is a pure function of (run seed, iteration) and every proxy seed of (run seed,
 * candidate id) — in fast mode of (run seed, structure) — so results do not depend on the number of worker threads and
 * a resumed run equals an uninterrupted one.
 */
package dev.zennas.search;
