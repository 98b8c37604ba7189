package io.fedmq.mqtt;

import io.fedmq.protocol.Transport.Handler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transport's subscriptions, remembered so that they can be renewed when the broker lost the session,
 * and the routing of an arriving message to the handlers it was sent for.
 *
 * <p>Each subscription carries an MQTT v5 subscription identifier. The broker echoes the identifiers of every
 * subscription a message matched, so overlapping filters ({@code a/+} and {@code a/#}) each get the message
 * exactly once, as they would on the in-memory bus. Only a broker without identifiers is matched by filter.
 */
final class Subscriptions {
    /** One subscribed filter and who receives its messages. */
    record Subscription(int id, String filter, Handler handler) {}

    private final Map<String, Subscription> byFilter = new LinkedHashMap<>();
    private final Map<Integer, Subscription> byId = new HashMap<>();
    private int lastId;

    /** Registers a filter, replacing an earlier handler for the same filter; the new one gets a fresh identifier. */
    synchronized Subscription add(String filter, Handler handler) {
        // 268,435,455 is the largest identifier MQTT can carry; no fedmq process subscribes that often.
        Subscription s = new Subscription(++lastId, filter, handler);
        Subscription old = byFilter.put(filter, s);
        if (old != null) byId.remove(old.id());
        byId.put(s.id(), s);
        return s;
    }

    /** Forgets a subscription the broker refused, unless a later subscribe already replaced it. */
    synchronized void remove(Subscription s) {
        if (byFilter.get(s.filter()) == s) {
            byFilter.remove(s.filter());
            byId.remove(s.id());
        }
    }

    synchronized List<Subscription> all() { return List.copyOf(byFilter.values()); }

    /**
     * The subscriptions a message was delivered for. With identifiers, only those named (and still matching:
     * a session kept from an earlier process may carry identifiers this one has reused for other filters).
     * Messages whose identifiers are all unknown belong to such stale subscriptions and go nowhere.
     */
    synchronized List<Subscription> route(String topic, List<Integer> subscriptionIds) {
        List<Subscription> out = new ArrayList<>(1);
        if (subscriptionIds.isEmpty()) {
            for (Subscription s : byFilter.values()) if (MqttTopicFilters.matches(s.filter(), topic)) out.add(s);
            return out;
        }
        for (Integer id : subscriptionIds) {
            Subscription s = byId.get(id);
            if (s != null && !out.contains(s) && MqttTopicFilters.matches(s.filter(), topic)) out.add(s);
        }
        return out;
    }
}
