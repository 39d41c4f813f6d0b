/**
 * The NAS-Bench-201 cell space (15,625 cells) and the NATS-Bench size space (32,768 width configurations):
 * architecture encodings ({@link dev.zennas.nasbench.Nb201Cell}, {@link dev.zennas.nasbench.NatsSssArch}), the exact
 * analytic cost model ({@link dev.zennas.nasbench.NetworkCost}, equal to the benchmark's #params/FLOPs for every
 * architecture), DJL networks built as in the benchmark code ({@link dev.zennas.nasbench.BenchmarkNetworks}) and proxy
 * targets ({@link dev.zennas.nasbench.Nb201Target}, {@link dev.zennas.nasbench.NatsSssTarget}), with the DJL operations
 * only these cells use ({@link dev.zennas.nasbench.ZeroOp}, {@link dev.zennas.nasbench.Identity},
 * {@link dev.zennas.nasbench.AvgPool}, {@link dev.zennas.nasbench.Nb201CellBlock}).
 */
package dev.zennas.nasbench;
