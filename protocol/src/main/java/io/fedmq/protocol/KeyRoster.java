package io.fedmq.protocol;

import java.util.HashSet;
import java.util.List;

/**
 * The orchestrator's relay of every key advertisement it accepted in time: the nodes that take part in the
 * round's secure aggregation from here on, sorted by id.
 *
 * @param round the round
 * @param keys  one advertisement per node, sorted by node id, no duplicates
 */
public record KeyRoster(long round, List<KeyAdvertisement> keys) implements Message {
    public KeyRoster {
        Checks.positive(round, "round");
        keys = List.copyOf(Checks.notNull(keys, "keys"));
        var seen = new HashSet<String>();
        String previous = null;
        for (KeyAdvertisement k : keys) {
            if (k.round() != round) throw new IllegalArgumentException("roster for round " + round + " holds keys of round " + k.round());
            if (!seen.add(k.nodeId())) throw new IllegalArgumentException("node " + k.nodeId() + " appears twice in the roster");
            if (previous != null && previous.compareTo(k.nodeId()) > 0) throw new IllegalArgumentException("roster must be sorted by node id");
            previous = k.nodeId();
        }
    }

    public List<String> nodeIds() { return keys.stream().map(KeyAdvertisement::nodeId).toList(); }
}
