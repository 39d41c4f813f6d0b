/**
 * Correlation studies: score a benchmark sample with any proxies in parallel, cache every score on disk so runs
 * resume, and correlate with the trained accuracies ({@link dev.zennas.study.CorrelationStudy},
 * {@link dev.zennas.study.StudyConfig}, {@link dev.zennas.study.StudyResult}); notebook tables
 * ({@link dev.zennas.study.CorrelationTables}); the Suite-Zero-convention SynFlow
 * ({@link dev.zennas.study.SuiteZeroSynFlow}).
 */
package dev.zennas.study;
