package io.fedmq.protocol;

import java.util.Map;

/**
 * A node's Shamir shares of its two secrets, each encrypted (AES-GCM) to one neighbour; the orchestrator only
 * relays them.
 *
 * @param round       the round
 * @param nodeId      the sender; must match the topic it arrived on
 * @param selfSeedCommitment SHA-256 commitment to its self-mask seed, so a forged share aborts the round
 *                    instead of silently shifting the sum
 * @param byRecipient one ciphertext per neighbour
 */
public record EncryptedShares(long round, String nodeId, Blob selfSeedCommitment, Map<String, Blob> byRecipient)
        implements NodeMessage {
    public EncryptedShares {
        Checks.positive(round, "round");
        Topics.requireName(nodeId, "nodeId");
        Checks.bytes(selfSeedCommitment, 32, "selfSeedCommitment");
        byRecipient = Checks.nameMap(byRecipient, "byRecipient");
        if (byRecipient.containsKey(nodeId)) throw new IllegalArgumentException("a node does not send shares to itself");
    }
}
