/**
 * The Zen-NAS evolutionary search (conventions §4): {@link dev.zennas.search.EvolutionSearch} (the official loop, parallel
 * steps, fast mode), {@link dev.zennas.search.SearchSettings} and {@link dev.zennas.search.Presets} (one per official
 * script), {@link dev.zennas.search.SearchRun} (run directory, ledger, atomic snapshots, resume) and
 * {@link dev.zennas.search.SearchReport} (curve, rejections, best vs released). A candidate's score is a work unit of the
 * scoring core: the settings' {@link dev.zennas.scoring.ProxySpec} on the candidate's target, computed by whichever
 * {@link dev.zennas.scoring.ScoringExecutor} the caller gives (the local pool by default, Spark from zen-spark).
 *
 * <p>Determinism: every random decision is a pure function of (run seed, iteration) and every proxy seed of (run seed,
 * candidate id) — in fast mode of (run seed, structure) — so results do not depend on the number of worker threads and
 * a resumed run equals an uninterrupted one.
 */
package dev.zennas.search;
