package io.fedmq.protocol;

/**
 * A node's two X25519 public keys for one round: one to encrypt the shares sent to it, one to agree pairwise masks.
 *
 * @param round         the round
 * @param nodeId        the node; must match the topic it arrived on
 * @param encryptionKey raw 32-byte X25519 public key for share encryption
 * @param maskingKey    raw 32-byte X25519 public key for pairwise masks
 */
public record KeyAdvertisement(long round, String nodeId, Blob encryptionKey, Blob maskingKey) implements NodeMessage {
    public KeyAdvertisement {
        Checks.positive(round, "round");
        Topics.requireName(nodeId, "nodeId");
        Checks.bytes(encryptionKey, 32, "encryptionKey");
        Checks.bytes(maskingKey, 32, "maskingKey");
    }
}
