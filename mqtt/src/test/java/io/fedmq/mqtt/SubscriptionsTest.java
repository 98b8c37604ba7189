package io.fedmq.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fedmq.mqtt.Subscriptions.Subscription;
import io.fedmq.protocol.Transport.Handler;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {
    private final Subscriptions subscriptions = new Subscriptions();
    private final Handler nobody = (topic, payload, retained) -> {};

    @Test
    void routesByTheIdentifiersTheBrokerEchoes() {
        Subscription plus = subscriptions.add("a/+", nobody);
        Subscription hash = subscriptions.add("a/#", nobody);
        assertEquals(List.of(hash), subscriptions.route("a/b", List.of(hash.id())));
        assertEquals(List.of(plus, hash), subscriptions.route("a/b", List.of(plus.id(), hash.id())));
        assertEquals(List.of(plus), subscriptions.route("a/b", List.of(plus.id(), plus.id())), "once per subscription");
    }

    @Test
    void dropsMessagesOfSubscriptionsThisProcessDidNotMake() {
        Subscription round = subscriptions.add("fleet/round", nobody);
        // A session kept from an earlier process: an unknown identifier, or a known one reused for another filter.
        assertEquals(List.of(), subscriptions.route("fleet/round", List.of(99)));
        assertEquals(List.of(), subscriptions.route("fleet/model/3", List.of(round.id())));
    }

    @Test
    void matchesFiltersWhenTheBrokerSendsNoIdentifiers() {
        Subscription plus = subscriptions.add("a/+", nobody);
        Subscription hash = subscriptions.add("a/#", nobody);
        subscriptions.add("b/#", nobody);
        assertEquals(List.of(plus, hash), subscriptions.route("a/b", List.of()));
        assertEquals(List.of(hash), subscriptions.route("a/b/c", List.of()));
    }

    @Test
    void resubscribingAFilterReplacesItsHandlerAndIdentifier() {
        Subscription first = subscriptions.add("a/b", nobody);
        Subscription second = subscriptions.add("a/b", nobody);
        assertNotEquals(first.id(), second.id());
        assertEquals(List.of(second), subscriptions.all());
        assertEquals(List.of(), subscriptions.route("a/b", List.of(first.id())));
        subscriptions.remove(first); // a late failure of the first subscribe must not undo the second
        assertEquals(List.of(second), subscriptions.all());
    }
}
