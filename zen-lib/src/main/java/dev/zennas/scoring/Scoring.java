package dev.zennas.scoring;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.zennas.proxy.ExecutionSettings;
import dev.zennas.proxy.ProxyException;
import dev.zennas.proxy.ProxyResult;
import dev.zennas.proxy.ZeroShotProxy;
import dev.zennas.proxy.Proxies;

/**
 * Computes one work unit in whatever JVM holds it: the function every executor calls, so a unit scored by the local
 * pool, on another machine or in a test gives the same value.
 */
public final class Scoring {
    private Scoring() {
    }

    /** The registry's proxy called {@code name}; IllegalArgumentException listing the known names otherwise. */
    public static ZeroShotProxy proxy(String name) {
        return Proxies.get(name);
    }

    /** Scores {@code unit} with the registry's proxy of its spec. */
    public static ScoreResult compute(WorkUnit unit, ExecutionSettings execution) {
        return compute(unit, proxy(unit.spec().proxy()), execution);
    }

    /**
     * Scores {@code unit} with {@code proxy} (an instance the caller holds, e.g. a notebook's own proxy). Loads the
     * engine, runs forward-only on this thread (proxies that need gradients switch them on around their backward
     * pass) and restores the thread's grad mode; every array of the evaluation lives in NDManagers the proxy opens
     * and closes. A {@link ProxyException} becomes a failed result; other exceptions propagate.
     */
    public static ScoreResult compute(WorkUnit unit, ZeroShotProxy proxy, ExecutionSettings execution) {
        Engine.getEngine("PyTorch"); // loads libtorch before the first JNI call
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        long start = System.nanoTime();
        try {
            ProxyResult r = proxy.score(unit.target().resolve(), unit.spec().settings(unit.seed()), execution);
            return new ScoreResult(unit.key(), r, null, (System.nanoTime() - start) / 1e9);
        } catch (ProxyException e) {
            return new ScoreResult(unit.key(), null, String.valueOf(e.getMessage()), (System.nanoTime() - start) / 1e9);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
