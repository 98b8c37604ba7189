package io.fedmq.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientIdsTest {
    @Test
    void spellsEachProgramsId() {
        assertEquals("fedmq-node-pi-1@home", ClientIds.node("home", "pi-1"));
        assertEquals("fedmq-orchestrator@home", ClientIds.orchestrator("home"));
        assertTrue(ClientIds.monitor("ops").matches("fedmq-monitor-ops-[0-9a-f]{8}"));
        assertTrue(ClientIds.operator("ops").matches("fedmq-operator-ops-[0-9a-f]{8}"));
    }

    @Test
    void nodesOfDifferentFleetsNeverShareAnId() {
        // With '-' between fleet and node these two were both "fedmq-node-a-b-c".
        assertNotEquals(ClientIds.node("a", "b-c"), ClientIds.node("a-b", "c"));
    }

    @Test
    void aMonitorsIdBelongsToItsIdentityAlone() {
        String id = ClientIds.monitor("ops");
        assertTrue(ClientIds.isMonitor("ops", id));
        assertFalse(ClientIds.isMonitor("ops-x", id));
        assertFalse(ClientIds.isOperator("ops", id), "a monitor's id is not an operator's");
        // "ops" cannot borrow an id that would be ops-x's: the suffix is exactly 8 hex digits.
        assertFalse(ClientIds.isMonitor("ops", "fedmq-monitor-ops-x-0123abcd"));
        assertTrue(ClientIds.isMonitor("ops-x", "fedmq-monitor-ops-x-0123abcd"));
        assertFalse(ClientIds.isMonitor("ops", "fedmq-monitor-ops-0123ABCD"));
        assertFalse(ClientIds.isMonitor("ops", "fedmq-monitor-ops-0123abc"));
        assertFalse(ClientIds.isMonitor("ops", null));
    }

    @Test
    void refusesNamesThatWouldMakeAnAmbiguousId() {
        assertThrows(IllegalArgumentException.class, () -> ClientIds.node("home", "pi@1"));
        assertThrows(IllegalArgumentException.class, () -> ClientIds.orchestrator("a/b"));
        assertThrows(IllegalArgumentException.class, () -> ClientIds.monitor("#"));
    }
}
