package dev.zennas.scoring;

import java.io.Serializable;

/**
 * One score to compute: a target, a proxy with its settings, and the seed of its random draws (weights, inputs),
 * derived by the client from its run seed and the item's identity, so the value does not depend on where, when or
 * beside what it is computed.
 *
 * @param key    the client's name for the item (an architecture index, a candidate id), returned with the result
 * @param target what to score
 * @param spec   which proxy, with which settings
 * @param seed   the item's derived seed
 */
public record WorkUnit(long key, TargetRef target, ProxySpec spec, long seed) implements Serializable {
    public WorkUnit {
        if (target == null || spec == null) {
            throw new IllegalArgumentException("a work unit needs a target and a proxy spec");
        }
    }
}
