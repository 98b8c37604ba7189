package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.Orchestrator;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.RoundListener;
import io.fedmq.orchestrator.SecureAggregationConfig;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.security.SigningKeys;
import io.fedmq.protocol.security.SigningTransport;
import io.fedmq.protocol.security.VerifyingTransport;
import io.fedmq.protocol.testing.InMemoryBus;
import io.fedmq.protocol.testing.Samples;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes pin the orchestrator's Ed25519 key: a secure round signed by it is followed; a model or pointer that is
 * unsigned, signed by another key, or a signed message moved to another topic is refused, with the reason, and
 * every node keeps running the model it had.
 */
class SignedModelsTest {
    private static final String FLEET = "signed";
    private final InMemoryBus bus = new InMemoryBus();
    private final WireCodec codec = new WireCodec();
    private final Topics topics = new Topics(FLEET);
    private final KeyPair orchestratorKey = SigningKeys.generate();
    private final List<NodeAgent> agents = new ArrayList<>();
    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    @TempDir Path dir;

    @AfterEach
    void stop() { agents.forEach(NodeAgent::close); }

    @Test
    void nodesFollowTheSignedFleetAndRefuseEverythingElse() throws Exception {
        for (String id : List.of("n1", "n2", "n3")) {
            Transport t = new VerifyingTransport(bus.connect(id), orchestratorKey.getPublic(), (topic, reason) -> refusals.add(id + " " + topic + ": " + reason));
            NodeAgent a = new NodeAgent(id, FLEET, t, new SecureRoundInMemoryTest.FixedLearner(0.25f, 10), codec, new NodeObserver() {
                @Override
                public void onAccepted(AcceptedModel m) { running.put(id, m.version()); }
            });
            a.start();
            agents.add(a);
        }
        Duration d = Duration.ofSeconds(10);
        OrchestratorConfig c = OrchestratorConfig.builder(FLEET, dir).rounds(1).minNodes(3).nodeWait(d).plan(Samples.PLAN).deadlines(d)
                .gate(new AcceptanceGate(0, 1, 1)).secAgg(SecureAggregationConfig.DEFAULT.withStageDeadlines(d)).build();
        try (Orchestrator o = new Orchestrator(c, new SigningTransport(bus.connect("orchestrator"), orchestratorKey.getPrivate()),
                new ModelStore(dir, codec), new FedAvg(), RoundListener.NONE, codec)) {
            o.start(Samples.model(1, 0, 0));
            assertTrue(o.run().get(0).accepted(), "a signed secure round runs as before");
        }
        awaitRunning(2);
        assertEquals(List.of(), refusals, "nothing the orchestrator signed was refused");

        GlobalModel evil = new GlobalModel(99, 2, 9, Samples.model(1, 0, 0).spec(), Tensor.vector(new float[] {666, 666}));
        byte[] evilModel = codec.encode(evil);
        byte[] evilPointer = codec.encode(new AcceptedModel(99, evil.hash(), 9, 1.0));
        Transport mallory = bus.connect("mallory");
        mallory.publish(topics.model(99), evilModel, true);                       // unsigned
        mallory.publish(topics.acceptedModel(), evilPointer, true);
        Transport reSigned = new SigningTransport(bus.connect("mallory-2"), SigningKeys.generate().getPrivate());
        reSigned.publish(topics.model(99), evilModel, true);                      // signed by another key
        reSigned.publish(topics.acceptedModel(), evilPointer, true);
        // A genuinely signed message, moved: the orchestrator's signed round state replayed on the pointer topic.
        byte[] signedRound = bus.retained().get(topics.round());
        bus.connect("mallory-3").publish(topics.acceptedModel(), signedRound, true);

        long end = System.nanoTime() + 5_000_000_000L;
        while (refusals.size() < 15 && System.nanoTime() < end) Thread.onSpinWait();
        assertEquals(15, refusals.size(), "5 forgeries x 3 nodes: " + refusals);
        assertEquals(6, refusals.stream().filter(r -> r.endsWith("unsigned: the orchestrator signs everything it publishes")).count(), refusals.toString());
        assertEquals(9, refusals.stream().filter(r -> r.contains("bad signature")).count(), refusals.toString());
        assertEquals(Map.of("n1", 2L, "n2", 2L, "n3", 2L), running, "every node keeps running the accepted v2");
        assertEquals(RoundState.Phase.CLOSED, codec.decode(signedRoundPayload(signedRound), RoundState.class).phase());
    }

    private static byte[] signedRoundPayload(byte[] signed) { return io.fedmq.protocol.security.SignedPayload.strip(signed); }

    private void awaitRunning(long version) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end && !(running.size() == 3 && running.values().stream().allMatch(v -> v == version))) {
            Thread.sleep(10); // polling a condition, bounded
        }
        assertEquals(Map.of("n1", version, "n2", version, "n3", version), running);
    }
}
