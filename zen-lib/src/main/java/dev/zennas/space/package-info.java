/**
 * The NAS-Bench-201 cell space (15,625 cells) and the NATS-Bench size space (32,768 width configurations):
 * architecture encodings ({@link dev.zennas.space.Nb201Cell}, {@link dev.zennas.space.NatsSssArch}), the exact
 * analytic cost model ({@link dev.zennas.space.NetworkCost}, equal to the benchmark's #params/FLOPs for every
 * architecture), DJL networks built as in the benchmark code ({@link dev.zennas.space.BenchmarkNetworks}) and proxy
 * targets ({@link dev.zennas.space.Nb201Target}, {@link dev.zennas.space.NatsSssTarget}).
 */
package dev.zennas.space;
