/**
 * Zero-shot proxies exactly as the official Zen-NAS search computes them (conventions §1, §2): the Zen-Score in three
 * conventions, NASWOT, TE-NAS, SynFlow, GradNorm, Params, FLOPs and Random. Entry point: {@link dev.zennas.proxy.Proxies}.
 *
 * <p>Determinism: weights and inputs come from a Java RNG seeded by (seed, repeat) ({@link dev.zennas.proxy.Seeds}),
 * never torch's global RNG. Failure policy: impossible settings, over-budget networks and engine errors throw
 * {@link dev.zennas.proxy.ProxyException} (one-line message); a repeat whose score is NaN/±∞ is kept as such in
 * {@link dev.zennas.proxy.ProxyResult#values()}, excluded from the mean, and {@link dev.zennas.proxy.ProxyResult#scoreOr(double)}
 * maps an all-failed result to a fallback such as the official −9999.
 */
package dev.zennas.proxy;
