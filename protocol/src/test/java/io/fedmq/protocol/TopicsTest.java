package io.fedmq.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.Topics.Address;
import io.fedmq.protocol.Topics.Kind;
import io.fedmq.protocol.testing.InMemoryBus;
import org.junit.jupiter.api.Test;

class TopicsTest {
    private final Topics topics = new Topics("home");

    @Test
    void spellsTheTree() {
        assertEquals("fedmq/v1/home/round", topics.round());
        assertEquals("fedmq/v1/home/model/7", topics.model(7));
        assertEquals("fedmq/v1/home/model/accepted", topics.acceptedModel());
        assertEquals("fedmq/v1/home/nodes/pi-1/status", topics.nodeStatus("pi-1"));
        assertEquals("fedmq/v1/home/round/3/update/pi-1", topics.nodeStage(3, Stage.UPDATE, "pi-1"));
        assertEquals("fedmq/v1/home/round/3/report", topics.stage(3, Stage.REPORT));
    }

    @Test
    void parsesWhatItSpells() {
        assertEquals(new Address(Kind.NODE_STAGE, 3, Stage.UPDATE, "pi-1", -1), topics.parse(topics.nodeStage(3, Stage.UPDATE, "pi-1")).orElseThrow());
        assertEquals(new Address(Kind.STAGE, 3, Stage.REPORT, null, -1), topics.parse(topics.stage(3, Stage.REPORT)).orElseThrow());
        assertEquals(Kind.ROUND, topics.parse(topics.round()).orElseThrow().kind());
        assertEquals(7, topics.parse(topics.model(7)).orElseThrow().version());
        assertEquals(Kind.ACCEPTED_MODEL, topics.parse(topics.acceptedModel()).orElseThrow().kind());
        assertEquals("pi-1", topics.parse(topics.nodeStatus("pi-1")).orElseThrow().nodeId());
    }

    @Test
    void ignoresWhatIsNotInTheTree() {
        assertTrue(topics.parse("fedmq/v1/other/round").isEmpty());
        assertTrue(topics.parse("fedmq/v1/home/round/x/update/pi-1").isEmpty());
        assertTrue(topics.parse("fedmq/v1/home/round/3/bogus/pi-1").isEmpty());
        assertTrue(topics.parse("fedmq/v1/home/model/abc").isEmpty());
        assertTrue(topics.parse("fedmq/v1/home/nodes/pi-1/status/extra").isEmpty());
    }

    @Test
    void refusesNamesThatWouldEscapeTheirSubtree() {
        for (String bad : new String[] {"", "a/b", "+", "#", "-x", "x".repeat(65), "é"}) {
            assertThrows(IllegalArgumentException.class, () -> topics.nodeStatus(bad), bad);
        }
    }

    @Test
    void filtersMatchTheTopicsTheyAreFor() {
        assertTrue(InMemoryBus.matches(topics.nodeStageFilter(), topics.nodeStage(9, Stage.REPORT, "n1")));
        assertTrue(InMemoryBus.matches(topics.stageFilter(), topics.stage(9, Stage.REPORT)));
        assertTrue(!InMemoryBus.matches(topics.stageFilter(), topics.nodeStage(9, Stage.REPORT, "n1")));
        assertTrue(InMemoryBus.matches(topics.modelFilter(), topics.acceptedModel()));
        assertTrue(InMemoryBus.matches(topics.all(), topics.round()));
        assertTrue(InMemoryBus.matches(Topics.allFleets(), new Topics("other").round()));
        assertTrue(InMemoryBus.matches(topics.nodeStageFilter("n1"), topics.nodeStage(9, Stage.MASKED, "n1")));
        assertTrue(!InMemoryBus.matches(topics.nodeStageFilter("n1"), topics.nodeStage(9, Stage.MASKED, "n2")));
        assertTrue(InMemoryBus.matches(topics.nodeInboxFilter(), topics.nodeInbox("n2")));
        assertTrue(!InMemoryBus.matches(topics.nodeInboxFilter(), topics.nodeStatus("n2")));
    }
}
