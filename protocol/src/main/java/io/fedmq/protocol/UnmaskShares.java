package io.fedmq.protocol;

import java.util.HashSet;
import java.util.Map;

/**
 * A node's answer to an {@link UnmaskRequest}: for each neighbour that survived, its share of that neighbour's
 * self-mask seed; for each that dropped, its share of that neighbour's masking key. Never both for one peer.
 *
 * @param round          the round
 * @param nodeId         the sender; must match the topic it arrived on
 * @param selfSeedShares shares of surviving neighbours' self-mask seeds
 * @param keyShares      shares of dropped neighbours' masking keys
 */
public record UnmaskShares(long round, String nodeId, Map<String, Blob> selfSeedShares, Map<String, Blob> keyShares) implements NodeMessage {
    public UnmaskShares {
        Checks.positive(round, "round");
        Topics.requireName(nodeId, "nodeId");
        selfSeedShares = Checks.nameMap(selfSeedShares, "selfSeedShares");
        keyShares = Checks.nameMap(keyShares, "keyShares");
        var both = new HashSet<>(selfSeedShares.keySet());
        both.retainAll(keyShares.keySet());
        if (!both.isEmpty()) throw new IllegalArgumentException("both kinds of share for " + both + ": refused");
    }
}
