package io.fedmq.mqtt;

import static io.fedmq.mqtt.MqttTopicFilters.matches;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MqttTopicFiltersTest {
    @Test
    void plusMatchesExactlyOneLevel() {
        assertTrue(matches("a/+/c", "a/b/c"));
        assertTrue(matches("a/+/c", "a//c"), "an empty level is a level");
        assertFalse(matches("a/+/c", "a/b/x/c"));
        assertFalse(matches("a/+", "a/b/c"));
        assertTrue(matches("+", "a"));
        assertFalse(matches("+", "a/b"));
    }

    @Test
    void hashMatchesTheParentAndEverythingBelow() {
        assertTrue(matches("a/#", "a"));
        assertTrue(matches("a/#", "a/b"));
        assertTrue(matches("a/#", "a/b/c"));
        assertFalse(matches("a/#", "ab"));
        assertTrue(matches("#", "a/b"));
    }

    @Test
    void exactFiltersMatchOnlyThemselves() {
        assertTrue(matches("a/b", "a/b"));
        assertFalse(matches("a/b", "a/b/"));
        assertFalse(matches("a/b", "a"));
    }

    @Test
    void leadingWildcardsSkipDollarTopics() {
        assertFalse(matches("#", "$SYS/uptime"));
        assertFalse(matches("+/uptime", "$SYS/uptime"));
        assertTrue(matches("$SYS/#", "$SYS/uptime"));
    }
}
