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
    private Transport server;
    private NodeAgent agent;

    @BeforeEach
    void start() throws Exception {
        server = bus.connect("orchestrator");
        NodeObserver serving = new NodeObserver() {
            @Override public void onAcceptedModel(AcceptedModel pointer, GlobalModel model) { handed.add(model.version()); }
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
    void aModelThatDoesNotMatchItsPointerIsNotServed() throws Exception {
        GlobalModel announced = Samples.model(5, 1, 1), impostor = Samples.model(5, 6, 6), next = Samples.model(6, 2, 2);
        model(impostor);
        accept(announced);
        model(next);
        accept(next);
        assertEquals(6, next(), "v5's parameters do not hash to the pointer's: the node waits, and serves v6 when it comes");
    }
}
