package io.fedmq.protocol;

import java.util.HashSet;
import java.util.List;

/**
 * The orchestrator's question after the masked inputs are in: which nodes' self-mask seeds it needs (the
 * survivors, whose masked input arrived) and which nodes' masking keys (those dropped after sharing keys).
 *
 * @param round     the round
 * @param survivors nodes whose masked input was received
 * @param dropped   nodes that shared keys but sent no masked input
 */
public record UnmaskRequest(long round, List<String> survivors, List<String> dropped) implements Message {
    public UnmaskRequest {
        Checks.positive(round, "round");
        survivors = Checks.names(survivors, "survivors");
        dropped = Checks.names(dropped, "dropped");
        var both = new HashSet<>(survivors);
        both.retainAll(dropped);
        if (!both.isEmpty()) throw new IllegalArgumentException("nodes both survived and dropped: " + both);
    }
}
