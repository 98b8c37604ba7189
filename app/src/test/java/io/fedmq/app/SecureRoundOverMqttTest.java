package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.auth.Role;
import io.fedmq.mqtt.PahoTransport;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.Orchestrator;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.RoundListener;
import io.fedmq.orchestrator.RoundReport;
import io.fedmq.orchestrator.SecureAggregationConfig;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Secure rounds over a real broker with real MQTT clients, one node killed in each stage: its connection is
 * cut without a DISCONNECT, as when a Pi loses power. The round must complete with the exact (quantized)
 * weighted mean of the nodes whose masked input made it, or abort cleanly. The broker is secured as the demo's
 * is: every client authenticates and is held to its role's topics, so these rounds also show the ACLs let a whole
 * secure round through, dropouts and Last Wills included.
 */
class SecureRoundOverMqttTest {
    private static SecuredBroker broker;
    private static final java.security.KeyPair KEYS = io.fedmq.protocol.security.SigningKeys.generate();
    private static Path brokerDir;
    private final WireCodec codec = new WireCodec();
    private final List<NodeAgent> agents = new ArrayList<>();
    @TempDir Path dir;

    /** Distinctive values, so that finding one in a log or a file would mean an individual update leaked. */
    private static final float[] VALUES = {0.1234f, -0.2345f, 0.3456f, 0.4567f, -0.0567f};
    private static final long[] EXAMPLES = {100, 300, 200, 400, 250};

    @BeforeAll
    static void startBroker() throws Exception {
        brokerDir = Files.createTempDirectory("fedmq-secagg-broker");
        broker = SecuredBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() { broker.close(); }

    @ParameterizedTest(name = "node killed when it would send {0}")
    @EnumSource(value = Stage.class, names = {"KEYS", "SHARES", "MASKED", "UNMASK"})
    void aNodeKilledInAnyStageLeavesTheExactSumOfTheOthers(Stage killedAt) throws Exception {
        String fleet = "kill-" + killedAt.segment();
        for (int i = 0; i < VALUES.length; i++) {
            String id = fleet + "-n" + i;
            PahoTransport paho = Connections.nodeConnection(broker.serverUri(), fleet, id, codec, broker.member(id, Role.NODE, fleet));
            Transport t = Connections.verifying(i == 3 ? new DyingTransport(paho, killedAt, paho::disconnectAbruptly) : paho, KEYS.getPublic(), id);
            NodeAgent a = new NodeAgent(id, fleet, t, new SecureRoundInMemoryTest.FixedLearner(VALUES[i], EXAMPLES[i]), codec, NodeObserver.NONE);
            a.start();
            agents.add(a);
        }
        Duration stage = Duration.ofSeconds(4);
        OrchestratorConfig c = OrchestratorConfig.builder(fleet, dir).rounds(1).minNodes(VALUES.length).nodeWait(Duration.ofSeconds(20))
                .plan(Samples.PLAN).deadlines(stage).gate(new AcceptanceGate(0, 1, 1))
                .secAgg(SecureAggregationConfig.DEFAULT.withStageDeadlines(stage)).build();
        RoundReport r;
        try (Orchestrator o = new Orchestrator(c, orchestrator(fleet), new ModelStore(dir, codec), new FedAvg(), RoundListener.NONE, codec)) {
            o.start(Samples.model(1, 0, 0, 0));
            r = o.run().get(0);
        } finally {
            agents.forEach(NodeAgent::close);
        }
        assertTrue(r.accepted(), r.reason());
        // Killed before its masked input: not in the sum. Killed after it (at unmask): in the sum, self mask recovered.
        boolean counted = killedAt == Stage.UNMASK;
        double num = 0, den = 0;
        for (int i = 0; i < VALUES.length; i++) {
            if (i == 3 && !counted) continue;
            num += VALUES[i] * EXAMPLES[i];
            den += EXAMPLES[i];
        }
        assertEquals(counted ? 5 : 4, r.secAgg().summed());
        assertEquals(killedAt == Stage.MASKED ? 1 : 0, r.secAgg().dropped());
        float got = new ModelStore(dir, codec).accepted().orElseThrow().parameters().get(0);
        assertEquals(num / den, got, 1e-4, "the mean of exactly the nodes in the sum");
    }

    @org.junit.jupiter.api.Test
    void theOrchestratorLogsAndFilesHoldNoIndividualUpdate() throws Exception {
        String fleet = "privacy";
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var fedmq = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.fedmq");
        var level = fedmq.getLevel();
        fedmq.setLevel(ch.qos.logback.classic.Level.DEBUG);
        appender.start();
        root.addAppender(appender);
        List<String> topicsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Transport spy = Connections.monitor(broker.serverUri(), broker.member("spy", Role.MONITOR, fleet))) {
            spy.subscribe(new Topics(fleet).all(), (t, p, r) -> topicsSeen.add(t));
            aNodeKilledInAnyStageLeavesTheExactSumOfTheOthersOnFleet(fleet);
        } finally {
            root.detachAppender(appender);
            fedmq.setLevel(level);
        }
        assertFalse(topicsSeen.stream().anyMatch(t -> t.contains("/update/")), "no plain update may cross the broker");
        assertTrue(topicsSeen.stream().anyMatch(t -> t.contains("/masked/")));
        // Each node's update is a constant vector: its float32 bytes must appear nowhere the orchestrator wrote.
        List<byte[]> individual = new ArrayList<>();
        for (float v : VALUES) individual.add(io.fedmq.protocol.Tensor.vector(new float[] {v, v, v}).toBytes());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (byte[] pattern : individual) assertFalse(contains(content, pattern), f + " holds an individual update");
            }
        }
        String logs = String.join("\n", appender.list.stream().map(e -> e.getFormattedMessage()).toList());
        for (float v : VALUES) assertFalse(logs.contains(Float.toString(v)), "the logs name an individual value " + v);
        assertTrue(logs.contains("secure aggregation over"), "the test must have captured the orchestrator's logs");
    }

    private void aNodeKilledInAnyStageLeavesTheExactSumOfTheOthersOnFleet(String fleet) throws Exception {
        for (int i = 0; i < VALUES.length; i++) {
            String id = fleet + "-n" + i;
            NodeAgent a = new NodeAgent(id, fleet, Connections.node(broker.serverUri(), fleet, id, codec, KEYS.getPublic(),
                    broker.member(id, Role.NODE, fleet)),
                    new SecureRoundInMemoryTest.FixedLearner(VALUES[i], EXAMPLES[i]), codec, NodeObserver.NONE);
            a.start();
            agents.add(a);
        }
        Duration stage = Duration.ofSeconds(10);
        OrchestratorConfig c = OrchestratorConfig.builder(fleet, dir).rounds(1).minNodes(VALUES.length).nodeWait(Duration.ofSeconds(20))
                .plan(Samples.PLAN).deadlines(stage).gate(new AcceptanceGate(0, 1, 1))
                .secAgg(SecureAggregationConfig.DEFAULT.withStageDeadlines(stage)).build();
        try (Orchestrator o = new Orchestrator(c, orchestrator(fleet), new ModelStore(dir, codec), new FedAvg(), RoundListener.NONE, codec)) {
            o.start(Samples.model(1, 0, 0, 0));
            assertTrue(o.run().get(0).accepted());
        } finally {
            agents.forEach(NodeAgent::close);
        }
    }

    private static Transport orchestrator(String fleet) throws Exception {
        return Connections.orchestrator(broker.serverUri(), fleet, KEYS, broker.member("orch-" + fleet, Role.ORCHESTRATOR, fleet));
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
