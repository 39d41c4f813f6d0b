/**
 * One way to compute proxy scores, for studies, searches, benchmarks and cluster executors alike.
 *
 * <p>A {@link dev.zennas.scoring.WorkUnit} is data: a {@link dev.zennas.scoring.TargetRef} (a structure string or a
 * NAS-Bench index with its space and dataset), a {@link dev.zennas.scoring.ProxySpec} (proxy name and settings,
 * starting from the proxy's own defaults) and the item's seed, derived by the client from its run seed. Units are
 * serialisable and hold no code, so they cross JVMs. {@link dev.zennas.scoring.Scoring#compute} turns one unit into a
 * {@link dev.zennas.scoring.ScoreResult} in any JVM; a {@link dev.zennas.scoring.ScoringExecutor} runs many of them —
 * {@link dev.zennas.scoring.LocalExecutor} (name {@code local}, the default) on a thread pool here, other kinds found
 * by name through {@link dev.zennas.scoring.ScoringExecutors} ({@link java.util.ServiceLoader}). How scores are
 * computed (direct forward, memory layout, the Zen-Score's passes, worker threads) is a
 * {@link dev.zennas.proxy.ExecutionSettings} passed down with the units, never a JVM-wide switch.
 *
 * <p>Determinism: a unit's value is a function of the unit alone — weights and inputs come from its seed — so the
 * same units give the same values whatever the executor, its thread count or the order of completion, provided the
 * client keeps one {@link dev.zennas.proxy.ExecutionSettings.Passes} choice (the concurrent and sequential Zen-Score
 * passes agree to ~1e-9, not bit for bit) and one libtorch intra-op thread count: kernels split their sums by it, so
 * values agree across executors when every worker runs one intra-op thread — what a pool of several local workers
 * sets, what the {@code zen} launcher sets, and what a cluster executor must set in its workers.
 *
 * <pre>{@code
 * ProxySpec zen = ProxySpec.of("zen").withRepeats(8);
 * List<WorkUnit> units = List.of(new WorkUnit(0, TargetRef.benchmark(BenchmarkSpace.NB201, 0, BenchmarkDataset.CIFAR10),
 *         zen, 42L));
 * try (ScoringExecutor local = ScoringExecutors.create("local", Map.of())) {
 *     List<ScoreResult> r = local.execute(units, ExecutionSettings.defaults(), x -> { });
 * }
 * }</pre>
 */
package dev.zennas.scoring;
