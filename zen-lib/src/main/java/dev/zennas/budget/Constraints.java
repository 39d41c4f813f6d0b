package dev.zennas.budget;

import dev.zennas.arch.Counts;
import dev.zennas.arch.Structure;

/**
 * The budgets of a search, checked before scoring in the official order: max layers → params → FLOPs → latency
 * (conventions §4.3). Params and FLOPs use the code rule on the residual net without SE (conventions T10), at the search resolution
 * and number of classes (conventions T15: the official CIFAR scripts use 100 classes).
 *
 * @param maxLayers     Σ sub_layers limit, 0 for none
 * @param maxParams     code-rule params limit, 0 for none
 * @param maxFlops      code-rule FLOPs (MACs) limit, 0 for none
 * @param maxLatencyMs  latency limit in ms per image, 0 for none (needs {@code latencyModel})
 * @param resolution    input resolution used for counting
 * @param numClasses    classes of the FC head used for counting
 * @param latencyModel  predicts a candidate's latency (the deployed net without SE, as the official search); null
 *                      when there is no latency budget
 */
public record Constraints(int maxLayers, long maxParams, double maxFlops, double maxLatencyMs, int resolution,
                          int numClasses, LatencyModel latencyModel) {

    /** Constraints without a latency model (a latency budget then cannot be checked). */
    public Constraints(int maxLayers, long maxParams, double maxFlops, double maxLatencyMs, int resolution, int numClasses) {
        this(maxLayers, maxParams, maxFlops, maxLatencyMs, resolution, numClasses, null);
    }

    public Constraints {
        if (maxLayers < 0) throw new IllegalArgumentException("max layers must be >= 0 (0 = none), got " + maxLayers);
        if (maxParams < 0) throw new IllegalArgumentException("params budget must be >= 0 (0 = none), got " + maxParams);
        if (!(maxFlops >= 0)) throw new IllegalArgumentException("FLOPs budget must be >= 0 (0 = none), got " + maxFlops);
        if (!(maxLatencyMs >= 0)) throw new IllegalArgumentException("latency budget must be >= 0 (0 = none), got " + maxLatencyMs);
        if (resolution <= 0) throw new IllegalArgumentException("resolution must be positive, got " + resolution);
        if (numClasses <= 0) throw new IllegalArgumentException("number of classes must be positive, got " + numClasses);
    }

    /** Checks {@code s}; the first violated constraint wins, like the official {@code continue} chain. */
    public Verdict check(Structure s) {
        if (maxLayers > 0 && s.layers() > maxLayers) return Verdict.LAYERS;
        if (maxParams > 0 || maxFlops > 0) {
            Counts c = Counts.of(s, resolution, numClasses, false);
            if (maxParams > 0 && c.paramsCode() > maxParams) return Verdict.PARAMS;
            if (maxFlops > 0 && c.flopsCode() > maxFlops) return Verdict.FLOPS;
        }
        if (maxLatencyMs > 0) {
            if (latencyModel == null) {
                throw new IllegalStateException("a latency budget needs a latency model (build this machine's table with"
                        + " `zen latency table build`)");
            }
            if (latencyModel.msPerImage(s, resolution, numClasses) > maxLatencyMs) return Verdict.LATENCY;
        }
        return Verdict.ACCEPTED;
    }

    /** The same budgets checked with {@code model}. */
    public Constraints withLatencyModel(LatencyModel model) {
        return new Constraints(maxLayers, maxParams, maxFlops, maxLatencyMs, resolution, numClasses, model);
    }

    /** The same constraints with another latency budget (ms per image, 0 for none). */
    public Constraints withMaxLatencyMs(double ms) {
        return new Constraints(maxLayers, maxParams, maxFlops, ms, resolution, numClasses, latencyModel);
    }

    /** Whether every budget can be checked (a latency budget needs a model). */
    public boolean checkable() {
        return maxLatencyMs == 0 || latencyModel != null;
    }

    /** Fraction of the tightest budget that {@code s} uses (0 when there is none); for fast-mode starts. */
    public double budgetUse(Structure s) {
        double latencyUse = maxLatencyMs > 0 && latencyModel != null
                ? latencyModel.msPerImage(s, resolution, numClasses) / maxLatencyMs : 0;
        if (maxParams == 0 && maxFlops == 0) return latencyUse;
        Counts c = Counts.of(s, resolution, numClasses, false);
        double use = 0;
        if (maxParams > 0) use = Math.max(use, c.paramsCode() / (double) maxParams);
        if (maxFlops > 0) use = Math.max(use, c.flopsCode() / maxFlops);
        return Math.max(use, latencyUse);
    }
}
