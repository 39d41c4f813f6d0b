/**
 * Correlation studies: score a benchmark sample with any proxies in parallel, cache every score on disk so runs
 * resume, and correlate with the trained accuracies ({@link dev.zennas.study.CorrelationStudy} and its
 * {@link dev.zennas.study.StudyBuilder}; what is computed, {@link dev.zennas.study.StudyConfig}, apart from how this run
 * executes it, {@link dev.zennas.study.StudyExecution}; {@link dev.zennas.study.StudyResult}); notebook tables
 * ({@link dev.zennas.study.CorrelationTables}); the Suite-Zero-convention SynFlow
 * ({@link dev.zennas.study.SuiteZeroSynFlow}).
 */
package dev.zennas.study;
