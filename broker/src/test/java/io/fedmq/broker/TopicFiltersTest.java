package io.fedmq.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicFiltersTest {
    @Test
    void matchesTopicsAsMqttDoes() {
        assertTrue(TopicFilters.matches("a/+/c", "a/b/c"));
        assertTrue(TopicFilters.matches("a/#", "a/b/c"));
        assertTrue(TopicFilters.matches("a/#", "a"), "'#' includes the parent level");
        assertFalse(TopicFilters.matches("a/+", "a/b/c"));
        assertFalse(TopicFilters.matches("a/+/c", "a/b/d"));
        assertFalse(TopicFilters.matches("#", "$SYS/broker"), "wildcards never match $ topics");
        assertFalse(TopicFilters.matches("a/b", "a/+"), "a publish topic has no wildcards");
    }

    @Test
    void aFilterCoversOnlyFiltersThatMatchNothingOutsideIt() {
        assertTrue(TopicFilters.covers("a/+/+", "a/+/+"));
        assertTrue(TopicFilters.covers("a/+/+", "a/1/keys"));
        assertTrue(TopicFilters.covers("a/#", "a/+/x/#"));
        assertTrue(TopicFilters.covers("a/#", "a"));
        assertFalse(TopicFilters.covers("a/+/+", "a/+/#"), "'#' reaches deeper than '+'");
        assertFalse(TopicFilters.covers("a/+/+", "a/#"));
        assertFalse(TopicFilters.covers("a/+/+", "#"));
        assertFalse(TopicFilters.covers("a/b/inbox", "a/+/inbox"));
        assertFalse(TopicFilters.covers("a/+/+", "a/+/+/+"));
        assertFalse(TopicFilters.covers("a/+/+", "a/+"));
        assertFalse(TopicFilters.covers("#", "$share/g/a"), "shared subscriptions are nobody's");
    }
}
