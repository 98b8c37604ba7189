package io.fedmq.protocol;

import java.util.Map;

/**
 * What the orchestrator relays to one node: the encrypted shares its neighbours addressed to it.
 *
 * @param round     the round
 * @param recipient the node it is for
 * @param bySender  one ciphertext per neighbour that sent shares in time
 */
public record ShareBundle(long round, String recipient, Map<String, Blob> bySender) implements Message {
    public ShareBundle {
        Checks.positive(round, "round");
        Topics.requireName(recipient, "recipient");
        bySender = Checks.nameMap(bySender, "bySender");
    }
}
