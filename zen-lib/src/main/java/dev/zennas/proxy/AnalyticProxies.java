package dev.zennas.proxy;

import dev.zennas.arch.Counts;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleBiFunction;

/**
 * The baselines of conventions §2.5: Params and FLOPs (code rule of the <b>no-residual</b> network, projections excluded)
 * and Random (one N(0,1) draw per candidate from (seed, repeat, target id)). They build no network.
 */
final class AnalyticProxies {
    private AnalyticProxies() {
    }

    static ZeroShotProxy params() {
        return new Analytic("params", (t, s) -> t.analyticParams().orElseThrow(() ->
                new ProxyException("params: no analytic parameter count for " + RepeatedProxy.shortId(t))));
    }

    static ZeroShotProxy flops() {
        return new Analytic("flops", (t, s) -> {
            int r = s.resolutionFor(t);
            if (t instanceof StructureTarget st) {
                return Counts.of(st.structure(), r, st.numClasses(), false).flopsNoResidual();
            }
            OptionalDouble f = t.analyticFlops();
            if (f.isEmpty()) {
                throw new ProxyException("flops: no analytic FLOPs count for " + RepeatedProxy.shortId(t)
                        + " (available for Zen-NAS structures and targets that provide analyticFlops())");
            }
            if (r != t.resolution()) {
                throw new ProxyException("flops: " + RepeatedProxy.shortId(t) + " only knows its FLOPs at resolution "
                        + t.resolution());
            }
            return f.getAsDouble();
        });
    }

    static ZeroShotProxy random() {
        return new ZeroShotProxy() {
            @Override public String name() { return "random"; }
            @Override public boolean higherIsBetter() { return true; }

            @Override
            public ProxyResult score(ProxyTarget t, ProxySettings s) {
                double[] v = new double[s.repeats()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = Seeds.forKey(s.seed(), r, t.id()).nextGaussian();
                }
                return ProxyResult.of(name(), v, 0, Map.of());
            }
        };
    }

    private record Analytic(String name, ToDoubleBiFunction<ProxyTarget, ProxySettings> value)
            implements ZeroShotProxy {
        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        public ProxyResult score(ProxyTarget t, ProxySettings s) {
            long start = System.nanoTime();
            double[] v = new double[s.repeats()];
            Arrays.fill(v, value.applyAsDouble(t, s));
            return ProxyResult.of(name, v, (System.nanoTime() - start) / 1e9 / v.length, Map.of());
        }
    }
}
