package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.learning.Example;
import io.fedmq.learning.Partitioner;
import io.fedmq.learning.Shard;
import io.fedmq.learning.SurnameCorpus;
import io.fedmq.learning.SurnameModels;
import io.fedmq.learning.TaskModel;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.node.ShardLearner;
import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.Orchestrator;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.RoundListener;
import io.fedmq.orchestrator.RoundReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.security.SignedPayload;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.security.SignedPayload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real rounds end to end: real MQTT v5 brokers on loopback, Paho clients, DL4J training on each node's own
 * shard, and a plain MQTT client throwing malformed payloads at the orchestrator in the middle of a round.
 *
 * <p>Both brokers are open (no credentials, no ACLs) on purpose: the rogue client stands for whatever gets past
 * the broker, so that the orchestrator's own checks of what it receives are tested; Mosquitto also shows that
 * fedmq needs nothing of HiveMQ. What a secured broker refuses is {@link HostileClientsTest}'s subject.
 */
class FederatedRoundOverMqttTest {
    private static final java.security.KeyPair KEYS = io.fedmq.protocol.security.SigningKeys.generate();
    private static final String FLEET = "e2e";
    private static final long SEED = 11;
    private static SurnameCorpus corpus;
    private static List<Shard<Example>> shards;
    private static ModelSpec spec;
    private static double majority;

    @TempDir Path dir;

    @BeforeAll
    static void data() {
        corpus = SurnameCorpus.builtIn();
        shards = Partitioner.nonIid().split(corpus, 2, SEED);
        spec = SurnameModels.spec(SurnameModels.CNN, corpus.labels());
        List<Example> test = new ArrayList<>();
        shards.forEach(s -> test.addAll(s.test()));
        majority = SurnameCorpus.majorityClassAccuracy(test);
    }

    @Test
    void roundsOnTheEmbeddedHiveMqBroker() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(BrokerConfig.loopback(dir.resolve("hivemq"), 0))) {
            broker.start();
            runFederation(broker.serverUri());
        }
    }

    @Test
    void roundsOnMosquitto() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir)) {
            runFederation(broker.serverUri());
        }
    }

    private void runFederation(String uri) throws Exception {
        WireCodec codec = new WireCodec();
        Topics topics = new Topics(FLEET);
        List<NodeAgent> nodes = new ArrayList<>();
        List<String> rejections = new CopyOnWriteArrayList<>();
        AtomicBoolean attacked = new AtomicBoolean();
        try (Transport rogue = Connections.monitor(uri, null)) {
            for (Shard<Example> s : shards) {
                String id = "node-" + (s.nodeIndex() + 1);
                NodeAgent n = new NodeAgent(id, FLEET, Connections.node(uri, FLEET, id, codec, KEYS.getPublic(), null), new ShardLearner(SurnameModels.TASK, s, SEED), codec, NodeObserver.NONE);
                n.start();
                nodes.add(n);
            }
            // A plain MQTT client publishes garbage on a node's update topic as soon as a round starts training.
            rogue.subscribe(topics.round(), (t, p, r) -> {
                if (p.length == 0) return;
                // The orchestrator signs what it publishes; a rogue needs no key to read past the signature.
                RoundState s = codec.decode(SignedPayload.strip(p), RoundState.class);
                if (s.phase() == RoundState.Phase.TRAINING && attacked.compareAndSet(false, true)) {
                    rogue.publish(topics.nodeStage(s.round(), Stage.UPDATE, "node-1"), "not msgpack at all".getBytes(), false);
                    rogue.publish(topics.nodeStage(s.round(), Stage.UPDATE, "node-2"), new byte[] {(byte) 0x93, 0x01, 0x04, (byte) 0x96}, false);
                }
            });
            RoundListener recorder = new RoundListener() {
                @Override public void onRejected(String source, String reason) { rejections.add(reason); }
            };
            OrchestratorConfig config = OrchestratorConfig.builder(FLEET, dir.resolve("models")).rounds(2).minNodes(2)
                    .nodeWait(Duration.ofSeconds(30)).plan(new TrainingPlan(1, 64, 0.01)).trainDeadline(Duration.ofMinutes(2))
                    .evalDeadline(Duration.ofMinutes(1)).secAgg(null).build();
            GlobalModel initial = new GlobalModel(1, 0, 0, spec, Tensor.vector(TaskModel.create(spec, SEED).parameters()));
            List<RoundReport> reports;
            try (Orchestrator o = new Orchestrator(config, Connections.orchestrator(uri, FLEET, KEYS, null), new ModelStore(config.modelDir(), codec),
                    new FedAvg(), recorder, codec)) {
                o.start(initial);
                reports = o.run();
            }
            assertTrue(attacked.get(), "the rogue client never saw a round");
            assertTrue(rejections.stream().anyMatch(r -> r.contains("malformed MessagePack")), "rejections: " + rejections);
            assertTrue(rejections.stream().anyMatch(r -> r.contains("truncated")), "rejections: " + rejections);
            assertEquals(2, reports.size());
            for (RoundReport r : reports) {
                assertEquals(2, r.answered(), "round " + r.round() + ": " + r.reason());
                assertEquals(2, r.reports(), "round " + r.round() + ": " + r.reason());
                assertTrue(r.bytesReceived() > 2L * 4 * spec.labels().size(), "updates travelled: " + r.bytesReceived());
            }
            RoundReport last = reports.get(1);
            assertTrue(last.testAccuracy() > majority + 0.05,
                    "after 2 rounds the model must beat the majority class " + majority + ", got " + last.testAccuracy());
            ModelStore store = new ModelStore(config.modelDir(), codec);
            assertTrue(store.accepted().orElseThrow().version() > 1, "a trained model was accepted and stored");
        } finally {
            nodes.forEach(NodeAgent::close);
        }
    }
}
