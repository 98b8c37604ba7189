package io.fedmq.app;

import static io.fedmq.app.HostileClient.BAD_USER_NAME_OR_PASSWORD;
import static io.fedmq.app.HostileClient.CLIENT_ID_NOT_VALID;
import static io.fedmq.app.HostileClient.NOT_AUTHORIZED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.auth.Role;
import io.fedmq.mqtt.MqttSettings.Credentials;
import io.fedmq.node.Learner;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.Orchestrator;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.RoundListener;
import io.fedmq.orchestrator.RoundReport;
import io.fedmq.orchestrator.SecureAggregationConfig;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.ClientIds;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.security.SigningKeys;
import io.fedmq.protocol.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile clients against a secured broker, as real MQTT 5 clients: each attack is its own test, made while a
 * secure round of three honest nodes is in progress (by the first node, in the middle of its training). Each is
 * refused or dropped with a clear line in the broker's log, and the round accepts exactly the model a round with
 * no attacker accepts: the same SHA-256.
 *
 * <p>The honest nodes' updates are clipped to plus or minus the clipping bound, which quantizes without rounding,
 * so that every round's model has the same bits and a hash can tell whether an attack changed anything.
 */
class HostileClientsTest {
    private static final float[] VALUES = {1000f, -1000f, 1000f};
    /** Above the default weight cap, so every node weighs the same. */
    private static final long EXAMPLES = 10_000;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final KeyPair KEYS = SigningKeys.generate();
    private static final WireCodec CODEC = new WireCodec();
    private static final byte[] FORGED = "forged".getBytes(StandardCharsets.UTF_8);

    @TempDir static Path folder;
    static SecuredBroker broker;
    static String cleanHash;
    @TempDir Path dir;
    private BrokerLog log;

    /** What an attack gets to work with: the fleet under attack and the honest node it impersonates or spies on. */
    record Target(String fleet, Topics topics, String victim) {}

    @FunctionalInterface
    interface Attack {
        void run(Target target) throws Exception;

        /** An attack with its target chosen. */
        @FunctionalInterface
        interface Bound {
            void run() throws Exception;
        }
    }

    @BeforeAll
    static void brokerAndACleanRound() throws Exception {
        broker = SecuredBroker.start(folder);
        cleanHash = round("clean", Files.createDirectories(folder.resolve("clean-models")), t -> {});
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @BeforeEach
    void recordTheBrokersLog() { log = new BrokerLog(); }

    @AfterEach
    void stopRecording() { log.close(); }

    @Test
    void anAnonymousClientIsRefused() throws Exception {
        assertEquals(cleanHash, round("anonymous", dir, t -> {
            MqttException e = assertThrows(MqttException.class, () -> HostileClient.connect(broker.serverUri(), "anon-1", null));
            assertEquals(BAD_USER_NAME_OR_PASSWORD, e.getReasonCode());
            log.await("WARN Refused connection from 127.0.0.1: anonymous client 'anon-1'");
        }));
    }

    @Test
    void aWrongPasswordIsRefusedAndTheNodeItClaimsToBeStaysConnected() throws Exception {
        assertEquals(cleanHash, round("guess", dir, t -> {
            byte[] guess = Enrollment.class.getSimpleName().repeat(3).getBytes(StandardCharsets.UTF_8);
            String victimsId = ClientIds.node(t.fleet(), t.victim());
            MqttException e = assertThrows(MqttException.class,
                    () -> HostileClient.connect(broker.serverUri(), victimsId, new Credentials(t.victim(), guess)));
            assertEquals(BAD_USER_NAME_OR_PASSWORD, e.getReasonCode());
            log.await("WARN Refused connection", "'" + victimsId + "': wrong password for node " + t.victim());
        })); // a refused CONNECT with the victim's client id must not take over its session: the round needs all three
    }

    @Test
    void anotherNodesClientIdIsRefusedEvenWithValidCredentials() throws Exception {
        assertEquals(cleanHash, round("takeover", dir, t -> {
            Credentials mallory = broker.enroll(t.fleet() + "-mallory", Role.NODE, t.fleet());
            String victimsId = ClientIds.node(t.fleet(), t.victim());
            MqttException e = assertThrows(MqttException.class, () -> HostileClient.connect(broker.serverUri(), victimsId, mallory));
            assertEquals(CLIENT_ID_NOT_VALID, e.getReasonCode());
            log.await("WARN Refused connection", "node " + mallory.username() + " of fleet " + t.fleet() + " may not connect as client '"
                    + victimsId + "'");
        }));
    }

    @Test
    void aNodeCannotPublishOnAnotherNodesStageTopic() throws Exception {
        assertEquals(cleanHash, round("impersonate", dir, t -> {
            try (HostileClient mallory = insider(t)) {
                String topic = t.topics().nodeStage(1, Stage.MASKED, t.victim());
                assertEquals(NOT_AUTHORIZED, mallory.publish(topic, FORGED, false));
                assertEquals(NOT_AUTHORIZED, mallory.awaitDisconnect(), "and the broker drops it");
                log.await("WARN Refused publish of client '" + ClientIds.node(t.fleet(), t.fleet() + "-mallory") + "'", "on '" + topic + "'");
            }
        }));
    }

    @ParameterizedTest(name = "retained {0}")
    @ValueSource(strings = {"model", "accepted pointer", "round state"})
    void aNodeCannotRetainWhatTheWholeFleetReads(String what) throws Exception {
        String fleet = "retain-" + what.split(" ")[0];
        assertEquals(cleanHash, round(fleet, dir, t -> {
            String topic = switch (what) {
                case "model" -> t.topics().model(2);
                case "accepted pointer" -> t.topics().acceptedModel();
                default -> t.topics().round();
            };
            GlobalModel poison = new GlobalModel(2, 1, 1, Samples.model(1, 0, 0, 0).spec(), Tensor.vector(new float[] {666, 666, 666}));
            byte[] payload = what.equals("model") ? CODEC.encode(poison) : CODEC.encode(new AcceptedModel(2, poison.hash(), 1, 1.0));
            try (HostileClient mallory = insider(t)) {
                assertEquals(NOT_AUTHORIZED, mallory.publish(topic, payload, true));
                assertEquals(NOT_AUTHORIZED, mallory.awaitDisconnect());
            }
            log.await("WARN Refused retained publish of client", "(node " + t.fleet() + "-mallory)", "on '" + topic + "'");
        }));
    }

    @Test
    void subscribingToEverythingIsRefused() throws Exception {
        assertEquals(cleanHash, round("wildcard", dir, t -> {
            try (HostileClient mallory = insider(t)) {
                for (String filter : List.of("#", t.topics().all(), Topics.allFleets(), "fedmq/v1/" + t.fleet() + "/round/+/#")) {
                    assertEquals(NOT_AUTHORIZED, mallory.subscribe(filter), filter);
                    log.await("WARN Refused subscription of client", "(node " + t.fleet() + "-mallory) to '" + filter + "'");
                }
                assertTrue(mallory.isConnected(), "a refused subscription leaves the client connected and harmless");
            }
        }));
    }

    @Test
    void subscribingToAnotherNodesInboxIsRefused() throws Exception {
        assertEquals(cleanHash, round("inbox", dir, t -> {
            try (HostileClient mallory = insider(t)) {
                assertEquals(NOT_AUTHORIZED, mallory.subscribe(t.topics().nodeInbox(t.victim())));
                assertEquals(NOT_AUTHORIZED, mallory.subscribe(t.topics().nodeInboxFilter()));
                assertEquals(1, mallory.subscribe(t.topics().nodeInbox(t.fleet() + "-mallory")), "its own inbox: granted, QoS 1");
                log.await("WARN Refused subscription of client", "to '" + t.topics().nodeInbox(t.victim()) + "'");
            }
        }));
    }

    @Test
    void aRevokedNodeIsDisconnectedAndCannotComeBack() throws Exception {
        assertEquals(cleanHash, round("revoked", dir, t -> {
            String name = t.fleet() + "-gone";
            String clientId = ClientIds.node(t.fleet(), name);
            Credentials gone = broker.enroll(name, Role.NODE, t.fleet());
            try (HostileClient before = HostileClient.connect(broker.serverUri(), clientId, gone)) {
                Enrollment.revoke(broker.store(), name);
                assertEquals(NOT_AUTHORIZED, before.awaitDisconnect(), "the connection it had is cut");
            }
            log.await("WARN Disconnected client '" + clientId + "': its credentials were revoked or changed");
            MqttException e = assertThrows(MqttException.class, () -> HostileClient.connect(broker.serverUri(), clientId, gone));
            assertEquals(BAD_USER_NAME_OR_PASSWORD, e.getReasonCode());
            log.await("WARN Refused connection", "node " + name + " of fleet " + t.fleet() + " is revoked");
        }));
    }

    @Test
    void theMonitorReadsTheFleetButCannotPublish() throws Exception {
        assertEquals(cleanHash, round("monitored", dir, t -> {
            Credentials watch = broker.enroll(t.fleet() + "-watch", Role.MONITOR, t.fleet());
            String clientId = ClientIds.monitor(watch.username());
            try (HostileClient monitor = HostileClient.connect(broker.serverUri(), clientId, watch)) {
                assertEquals(1, monitor.subscribe(t.topics().all()), "read-only access to its fleet");
                assertTrue(monitor.awaitMessage().startsWith("fedmq/v1/" + t.fleet() + "/"), "it sees the round in progress");
                assertEquals(NOT_AUTHORIZED, monitor.publish(t.topics().acceptedModel(), FORGED, true));
                assertEquals(NOT_AUTHORIZED, monitor.awaitDisconnect());
            }
            log.await("WARN Refused retained publish of client '" + clientId + "' (monitor " + watch.username() + ")");
        }));
    }

    /** An enrolled node of the attacked fleet gone bad: its own valid credentials and client id. */
    private static HostileClient insider(Target t) throws Exception {
        String name = t.fleet() + "-mallory";
        Credentials mallory = broker.enroll(name, Role.NODE, t.fleet());
        return HostileClient.connect(broker.serverUri(), ClientIds.node(t.fleet(), name), mallory);
    }

    /**
     * One secure round of three honest nodes on {@code fleet}; the first node runs {@code attack} in the middle
     * of its training. Returns the accepted model's hash, after checking that every honest node's update made it.
     */
    private static String round(String fleet, Path models, Attack attack) throws Exception {
        Topics topics = new Topics(fleet);
        Credentials orchestrator = broker.member("orch-" + fleet, Role.ORCHESTRATOR, fleet);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean attacked = new AtomicBoolean();
        List<NodeAgent> agents = new ArrayList<>();
        try (BrokerLog roundLog = new BrokerLog()) {
            for (int i = 0; i < VALUES.length; i++) {
                String id = fleet + "-n" + i;
                Learner learner = new SecureRoundInMemoryTest.FixedLearner(VALUES[i], EXAMPLES);
                if (i == 0) learner = new AttackWhileTraining(learner, () -> attack.run(new Target(fleet, topics, fleet + "-n1")), attacked, failure);
                NodeAgent a = new NodeAgent(id, fleet, Connections.node(broker.serverUri(), fleet, id, CODEC, KEYS.getPublic(),
                        broker.member(id, Role.NODE, fleet)), learner, CODEC, NodeObserver.NONE);
                a.start();
                agents.add(a);
            }
            OrchestratorConfig c = OrchestratorConfig.builder(fleet, models).rounds(1).minNodes(VALUES.length).nodeWait(DEADLINE)
                    .plan(new TrainingPlan(1, 32, 0.01)).deadlines(DEADLINE).gate(new AcceptanceGate(0, 1, 1))
                    .secAgg(SecureAggregationConfig.DEFAULT.withStageDeadlines(DEADLINE)).build();
            RoundReport r;
            try (Orchestrator o = new Orchestrator(c, Connections.orchestrator(broker.serverUri(), fleet, KEYS, orchestrator),
                    new ModelStore(models, CODEC), new FedAvg(), RoundListener.NONE, CODEC)) {
                o.start(Samples.model(1, 0, 0, 0));
                r = o.run().get(0);
            }
            if (failure.get() instanceof Exception e) throw e;
            if (failure.get() instanceof Error e) throw e;
            assertTrue(attacked.get(), "the attack ran during the round");
            assertTrue(r.accepted(), r.reason());
            assertEquals(VALUES.length, r.secAgg().summed(), "every honest node's update is in the sum");
            List<String> honest = new ArrayList<>(List.of("'" + ClientIds.orchestrator(fleet) + "'"));
            for (int i = 0; i < VALUES.length; i++) honest.add("'" + ClientIds.node(fleet, fleet + "-n" + i) + "'");
            List<String> inTheWay = roundLog.lines().stream()
                    .filter(l -> l.contains("publish of client") || l.contains("subscription of client") || l.contains("Disconnected client"))
                    .filter(l -> honest.stream().anyMatch(l::contains)).toList();
            assertEquals(List.of(), inTheWay, "the ACLs never got in an honest client's way");
            return new ModelStore(models, CODEC).accepted().orElseThrow().hash();
        } finally {
            agents.forEach(NodeAgent::close);
        }
    }

    /** Trains as {@code delegate} does, after running the attack once: the attack happens while the round is open. */
    private record AttackWhileTraining(Learner delegate, Attack.Bound attack, AtomicBoolean ran, AtomicReference<Throwable> failure)
            implements Learner {
        @Override
        public TrainOutcome train(GlobalModel model, TrainingPlan plan) throws Exception {
            if (ran.compareAndSet(false, true)) {
                try {
                    attack.run();
                } catch (Throwable t) { // handed to the test thread, which rethrows it
                    failure.set(t);
                }
            }
            return delegate.train(model, plan);
        }

        @Override
        public EvalOutcome evaluate(GlobalModel model) throws Exception { return delegate.evaluate(model); }
    }
}
