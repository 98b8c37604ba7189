package io.fedmq.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.AccessRule;
import io.fedmq.broker.Decision.Granted;
import io.fedmq.protocol.ClientIds;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each role's rules, checked against the topics the programs really use, all spelled by {@link Topics}. */
class AccessPolicyTest {
    private final Topics home = new Topics("home");
    private final Topics other = new Topics("other");
    private final Granted node = grant(Role.NODE, "n1", "home");
    private final Granted orchestrator = grant(Role.ORCHESTRATOR, "orch", "home");
    private final Granted monitor = grant(Role.MONITOR, "watch", "home");
    private final Granted operator = grant(Role.OPERATOR, "ops", "home");

    private static Granted grant(Role role, String name, String fleet) {
        Identity id = new Identity(name, role, fleet, null);
        return new Granted(name, role.id(), AccessPolicy.rules(id));
    }

    @Test
    void aNodeSpeaksOnlyForItself() {
        assertTrue(node.mayPublish(home.nodeStatus("n1"), true), "its status, retained: its Last Will lives there");
        for (Stage s : Stage.values()) {
            assertTrue(node.mayPublish(home.nodeStage(4, s, "n1"), false), s.toString());
            assertFalse(node.mayPublish(home.nodeStage(4, s, "n1"), true), "never retained: " + s);
            assertFalse(node.mayPublish(home.nodeStage(4, s, "n2"), false), "another node's " + s);
        }
        assertFalse(node.mayPublish(home.nodeStatus("n2"), true));
        assertFalse(node.mayPublish(other.nodeStatus("n1"), true), "not in another fleet");
    }

    @Test
    void aNodeCannotPublishWhatOnlyTheOrchestratorMay() {
        for (String topic : List.of(home.round(), home.model(7), home.acceptedModel(), home.outcome(), home.stage(4, Stage.KEYS),
                home.stage(4, Stage.UNMASK), home.nodeInbox("n2"), home.nodeInbox("n1"))) {
            assertFalse(node.mayPublish(topic, true), topic + " retained");
            assertFalse(node.mayPublish(topic, false), topic);
        }
    }

    @Test
    void aNodeReadsWhatItNeedsAndNoOtherNodesMessages() {
        // What NodeAgent subscribes to, plus the outcome.
        for (String filter : List.of(home.round(), home.modelFilter(), home.stageFilter(), home.nodeInbox("n1"), home.outcome())) {
            assertTrue(node.maySubscribe(filter), filter);
        }
        for (String filter : List.of("#", home.all(), Topics.allFleets(), home.nodeInbox("n2"), home.nodeInboxFilter(),
                home.nodeStageFilter(), home.nodeStageFilter("n2"), home.nodeStatusFilter(), "fedmq/v1/home/round/+/#",
                "fedmq/v1/home/model/#", other.round())) {
            assertFalse(node.maySubscribe(filter), filter);
        }
    }

    @Test
    void theOrchestratorPublishesTheFleetsStateAndReadsTheNodes() {
        for (String retained : List.of(home.round(), home.model(7), home.acceptedModel(), home.outcome())) {
            assertTrue(orchestrator.mayPublish(retained, true), retained);
        }
        for (String plain : List.of(home.stage(4, Stage.KEYS), home.stage(4, Stage.UNMASK), home.nodeInbox("n2"))) {
            assertTrue(orchestrator.mayPublish(plain, false), plain);
            assertFalse(orchestrator.mayPublish(plain, true), plain + " is never retained");
        }
        assertFalse(orchestrator.mayPublish(home.nodeStage(4, Stage.MASKED, "n1"), false), "it cannot speak for a node");
        assertFalse(orchestrator.mayPublish(home.nodeStatus("n1"), true));
        assertFalse(orchestrator.mayPublish(other.round(), true));
        assertTrue(orchestrator.maySubscribe(home.nodeStatusFilter()));
        assertTrue(orchestrator.maySubscribe(home.nodeStageFilter()));
        assertFalse(orchestrator.maySubscribe(home.nodeInboxFilter()));
        assertFalse(orchestrator.maySubscribe("#"));
    }

    @Test
    void aMonitorReadsItsFleetAndWritesNothing() {
        assertTrue(monitor.maySubscribe(home.all()));
        assertFalse(monitor.maySubscribe(other.all()));
        assertFalse(monitor.maySubscribe(Topics.allFleets()));
        assertFalse(monitor.mayPublish(home.acceptedModel(), true));
        assertFalse(monitor.mayPublish(home.nodeStage(1, Stage.REPORT, "n1"), false));
        Granted everyFleet = grant(Role.MONITOR, "watch", Identity.ALL_FLEETS);
        assertTrue(everyFleet.maySubscribe(Topics.allFleets()));
        assertFalse(everyFleet.maySubscribe("#"), "fedmq's tree, not the whole broker");
    }

    @Test
    void anOperatorRepublishesModelsAndThePointerOnly() {
        assertTrue(operator.mayPublish(home.model(5), true));
        assertTrue(operator.mayPublish(home.acceptedModel(), true));
        assertFalse(operator.mayPublish(home.round(), true));
        assertFalse(operator.maySubscribe(home.all()));
    }

    @Test
    void theRulesAreTheProtocolsOwnFilters() {
        List<AccessRule> rules = AccessPolicy.rules(new Identity("n1", Role.NODE, "home", null));
        assertTrue(rules.contains(AccessRule.publish(home.nodeStageFilter("n1"))));
        assertTrue(rules.contains(AccessRule.publishRetained(home.nodeStatus("n1"))));
        assertEquals(1, rules.stream().filter(AccessRule::retainAllowed).count(), "a node retains in one place only");
    }

    @Test
    void eachIdentityOwnsItsOwnClientIdsOnly() {
        Identity n1 = new Identity("n1", Role.NODE, "home", null);
        assertTrue(AccessPolicy.ownsClientId(n1, ClientIds.node("home", "n1")));
        assertFalse(AccessPolicy.ownsClientId(n1, ClientIds.node("home", "n2")));
        assertFalse(AccessPolicy.ownsClientId(n1, ClientIds.node("other", "n1")));
        assertFalse(AccessPolicy.ownsClientId(n1, ClientIds.orchestrator("home")));
        Identity orch = new Identity("orch", Role.ORCHESTRATOR, "home", null);
        assertTrue(AccessPolicy.ownsClientId(orch, ClientIds.orchestrator("home")));
        assertFalse(AccessPolicy.ownsClientId(orch, ClientIds.node("home", "orch")));
        Identity watch = new Identity("watch", Role.MONITOR, "home", null);
        assertTrue(AccessPolicy.ownsClientId(watch, ClientIds.monitor("watch")));
        assertFalse(AccessPolicy.ownsClientId(watch, ClientIds.operator("watch")));
        assertFalse(AccessPolicy.ownsClientId(watch, ClientIds.monitor("other")));
    }
}
