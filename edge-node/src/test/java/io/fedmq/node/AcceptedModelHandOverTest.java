package io.fedmq.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.testing.InMemoryBus;
import io.fedmq.protocol.testing.Samples;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node hands the accepted model to local inference once its pointer and its parameters are both here and agree. */
class AcceptedModelHandOverTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final WireCodec codec = new WireCodec();
    private final Topics topics = new Topics("home");
    private final BlockingQueue<Long> handed = new LinkedBlockingQueue<>();
    private final java.util.List<Long> followedEpochs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Transport server;
    private NodeAgent agent;

    @BeforeEach
    void start() throws Exception {
        server = bus.connect("orchestrator");
        NodeObserver serving = new NodeObserver() {
            @Override public void onAcceptedModel(AcceptedModel pointer, GlobalModel model) { handed.add(model.version()); }
            @Override public void onAccepted(AcceptedModel pointer) { followedEpochs.add(pointer.epoch()); }
        };
        agent = new NodeAgent("pi-1", "home", bus.connect("pi-1"), new NodeAgentTest.RecordingLearner(), codec, serving);
        agent.start();
    }

    @AfterEach
    void stop() { agent.close(); }

    private void model(GlobalModel m) throws Exception { server.publish(topics.model(m.version()), codec.encode(m), true); }

    private void accept(GlobalModel m) throws Exception {
        server.publish(topics.acceptedModel(), codec.encode(new AcceptedModel(m.version(), m.hash(), m.round(), 0.9)), true);
    }

    private Long next() throws InterruptedException { return handed.poll(5, TimeUnit.SECONDS); }

    @Test
    void whicheverArrivesFirstTheModelIsHandedOverOnce() throws Exception {
        GlobalModel v2 = Samples.model(2, 1, 2), v3 = Samples.model(3, 3, 4);
        model(v2);
        accept(v2);
        assertEquals(2, next());
        accept(v3);  // the pointer overtakes its model
        model(v3);
        assertEquals(3, next());
        accept(v3);  // delivered again, as after a reconnect
        model(v2);
        accept(v2);  // a rollback
        assertEquals(2, next(), "v3 is not handed over twice; the rollback to v2 is");
    }

    @Test
    void aReplayedOlderPointerIsRefusedButARollbackIsFollowed() throws Exception {
        GlobalModel v2 = Samples.model(2, 1, 2), v3 = Samples.model(3, 3, 4);
        byte[] v2AtEpoch1 = codec.encode(new AcceptedModel(2, v2.hash(), 1, 0.8, 1));
        model(v2);
        server.publish(topics.acceptedModel(), v2AtEpoch1, true);
        assertEquals(2, next());
        model(v3);
        server.publish(topics.acceptedModel(), codec.encode(new AcceptedModel(3, v3.hash(), 2, 0.9, 2)), true);
        assertEquals(3, next());
        // A broker replays v2 and its old pointer, byte for byte (so the signatures would still hold): the node stays on v3.
        model(v2);
        server.publish(topics.acceptedModel(), v2AtEpoch1, true);
        // An operator's rollback to v2 moves the pointer on to epoch 3: that one is followed.
        server.publish(topics.acceptedModel(), codec.encode(new AcceptedModel(2, v2.hash(), 1, 0.8, 3)), true);
        assertEquals(2, next(), "the rollback hands v2 over");
        assertEquals(java.util.List.of(1L, 2L, 3L), followedEpochs, "the replayed epoch-1 pointer was never followed");
    }

    @Test
    void aRestartedNodeStillRefusesAPointerOlderThanItFollowedBefore() throws Exception {
        agent.close();
        java.util.concurrent.atomic.AtomicLong saved = new java.util.concurrent.atomic.AtomicLong(5);
        EpochMemory memory = new EpochMemory() {
            @Override public long load() { return saved.get(); }
            @Override public void save(long epoch) { saved.set(epoch); }
        };
        NodeObserver serving = new NodeObserver() {
            @Override public void onAcceptedModel(AcceptedModel pointer, GlobalModel model) { handed.add(model.version()); }
            @Override public void onAccepted(AcceptedModel pointer) { followedEpochs.add(pointer.epoch()); }
        };
        agent = new NodeAgent("pi-1", "home", bus.connect("pi-1b"), new NodeAgentTest.RecordingLearner(), codec, serving)
                .rememberingEpochsIn(memory);
        agent.start();
        GlobalModel v2 = Samples.model(2, 1, 2), v6 = Samples.model(6, 5, 5);
        model(v2);
        server.publish(topics.acceptedModel(), codec.encode(new AcceptedModel(2, v2.hash(), 1, 0.8, 3)), true); // stale: before epoch 5
        model(v6);
        server.publish(topics.acceptedModel(), codec.encode(new AcceptedModel(6, v6.hash(), 5, 0.9, 6)), true);
        assertEquals(6, next(), "the first model it serves is the newer one");
        assertEquals(java.util.List.of(6L), followedEpochs);
        assertEquals(6, saved.get(), "and it remembers epoch 6 for its next start");
    }

    @Test
    void aModelThatDoesNotMatchItsPointerIsNotServed() throws Exception {
        GlobalModel announced = Samples.model(5, 1, 1), impostor = Samples.model(5, 6, 6), next = Samples.model(6, 2, 2);
        model(impostor);
        accept(announced);
        model(next);
        accept(next);
        assertEquals(6, next(), "v5's parameters do not hash to the pointer's: the node waits, and serves v6 when it comes");
    }
}
