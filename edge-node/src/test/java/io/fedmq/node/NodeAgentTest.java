package io.fedmq.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.EvaluationReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Message;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.testing.InMemoryBus;
import io.fedmq.protocol.testing.Samples;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeAgentTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final WireCodec codec = new WireCodec();
    private final Topics topics = new Topics("home");
    private final BlockingQueue<Message> fromNodes = new LinkedBlockingQueue<>();
    private final BlockingQueue<NodeStatus.State> states = new LinkedBlockingQueue<>();
    private Transport server;
    private NodeAgent agent;
    private final RecordingLearner learner = new RecordingLearner();

    /** Returns delta = +1 on every parameter, counts calls, can be told to fail. */
    static final class RecordingLearner implements Learner {
        final AtomicInteger trained = new AtomicInteger(), evaluated = new AtomicInteger();
        volatile boolean fail;
        volatile TrainingPlan lastPlan;

        @Override
        public TrainOutcome train(GlobalModel model, TrainingPlan plan) {
            if (fail) throw new IllegalStateException("out of memory (simulated)");
            lastPlan = plan;
            trained.incrementAndGet();
            float[] d = new float[model.parameters().size()];
            java.util.Arrays.fill(d, 1f);
            return new TrainOutcome(d, 42, 0.8);
        }

        @Override
        public EvalOutcome evaluate(GlobalModel model) {
            evaluated.incrementAndGet();
            return new EvalOutcome(7, 0.9, 0.75);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = bus.connect("orchestrator");
        server.subscribe(topics.nodeStageFilter(), (t, p, r) -> fromNodes.add(codec.decode(p)));
        server.subscribe(topics.nodeStatusFilter(), (t, p, r) -> states.add(codec.decode(p, NodeStatus.class).state()));
        agent = new NodeAgent("pi-1", "home", bus.connect("pi-1"), learner, codec, NodeObserver.NONE);
        agent.start();
        assertEquals(NodeStatus.State.IDLE, states.poll(5, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() { agent.close(); }

    private void publishModel(GlobalModel m) throws Exception { server.publish(topics.model(m.version()), codec.encode(m), true); }

    private void publishRound(long round, Phase phase, GlobalModel m, List<String> selected) throws Exception {
        publishRound(round, phase, m, selected, Samples.PLAN);
    }

    private void publishRound(long round, Phase phase, GlobalModel m, List<String> selected, TrainingPlan plan) throws Exception {
        RoundState s = new RoundState(round, phase, m.version(), m.hash(), plan, selected, System.currentTimeMillis() + 60_000, null);
        server.publish(topics.round(), codec.encode(s), true);
    }

    private Message next() throws InterruptedException { return fromNodes.poll(5, TimeUnit.SECONDS); }

    @Test
    void trainsOnceTheAnnouncedModelArrivesAndPublishesItsDelta() throws Exception {
        GlobalModel m = Samples.model(3, 1, 2, 3);
        publishRound(1, Phase.TRAINING, m, List.of("pi-1"));   // the round can overtake its model
        publishModel(m);
        ModelUpdate u = (ModelUpdate) next();
        assertEquals(1, u.round());
        assertEquals("pi-1", u.nodeId());
        assertEquals(3, u.modelVersion());
        assertEquals(42, u.numExamples());
        assertArrayEquals(new float[] {1, 1, 1}, u.delta().toArray());
    }

    @Test
    void trainsWithTheRoundsPlanIncludingFedProxMu() throws Exception {
        GlobalModel m = Samples.model(3, 1, 2, 3);
        publishModel(m);
        publishRound(1, Phase.TRAINING, m, List.of("pi-1"), Samples.PROX_PLAN);
        assertTrue(next() instanceof ModelUpdate);
        assertEquals(Samples.PROX_PLAN, learner.lastPlan);
        assertEquals(0.1, learner.lastPlan.proximalMu());
    }

    @Test
    void evaluatesTheCandidateAndReportsOnlyAggregateMetrics() throws Exception {
        GlobalModel candidate = Samples.model(4, 1, 1, 1);
        publishModel(candidate);
        publishRound(2, Phase.EVALUATING, candidate, List.of("pi-1"));
        EvaluationReport r = (EvaluationReport) next();
        assertEquals(new EvaluationReport(2, "pi-1", 4, 7, 0.9, 0.75), r);
    }

    @Test
    void staysOutOfRoundsThatDoNotSelectIt() throws Exception {
        GlobalModel m = Samples.model(3, 1, 2, 3);
        publishModel(m);
        publishRound(1, Phase.TRAINING, m, List.of("pi-2"));
        publishRound(2, Phase.TRAINING, m, List.of("pi-1"));   // a later round that does select it
        assertEquals(2, ((ModelUpdate) next()).round());
        assertEquals(1, learner.trained.get());
    }

    @Test
    void aRoundDeliveredAgainIsNotTrainedTwice() throws Exception {
        GlobalModel m = Samples.model(3, 1, 2, 3);
        publishModel(m);
        publishRound(1, Phase.TRAINING, m, List.of("pi-1"));
        publishRound(1, Phase.TRAINING, m, List.of("pi-1"));   // as after a reconnect
        publishModel(m);
        publishRound(1, Phase.EVALUATING, m, List.of("pi-1")); // a marker: processed after the duplicates
        assertTrue(next() instanceof ModelUpdate);
        assertTrue(next() instanceof EvaluationReport);
        assertEquals(1, learner.trained.get());
    }

    @Test
    void waitsWhenTheModelDoesNotMatchTheAnnouncedHash() throws Exception {
        GlobalModel announced = Samples.model(3, 1, 2, 3);
        GlobalModel impostor = Samples.model(3, 9, 9, 9);
        publishModel(impostor);
        publishRound(1, Phase.TRAINING, announced, List.of("pi-1"));
        assertEquals(null, fromNodes.poll(300, TimeUnit.MILLISECONDS));
        publishModel(announced);
        assertArrayEquals(new float[] {1, 1, 1}, ((ModelUpdate) next()).delta().toArray());
        assertEquals(1, learner.trained.get());
    }

    @Test
    void aFailingLearnerShowsErrorAndTheNodeTakesTheNextRound() throws Exception {
        GlobalModel m = Samples.model(3, 1, 2, 3);
        publishModel(m);
        learner.fail = true;
        publishRound(1, Phase.TRAINING, m, List.of("pi-1"));
        awaitState(NodeStatus.State.ERROR, Duration.ofSeconds(5));
        learner.fail = false;
        publishRound(2, Phase.TRAINING, m, List.of("pi-1"));
        assertEquals(2, ((ModelUpdate) next()).round());
    }

    @Test
    void malformedRoundAndModelMessagesAreIgnored() throws Exception {
        server.publish(topics.round(), new byte[] {(byte) 0x93, 1}, true);
        server.publish(topics.model(3), codec.encode(Samples.model(4, 1)), true); // v4 on v3's topic
        GlobalModel m = Samples.model(3, 1, 2, 3);
        publishRound(1, Phase.TRAINING, m, List.of("pi-1"));
        assertEquals(null, fromNodes.poll(300, TimeUnit.MILLISECONDS));
        publishModel(m);
        assertEquals(1, ((ModelUpdate) next()).round());
    }

    private void awaitState(NodeStatus.State wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (states.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS) == wanted) return;
        }
        throw new AssertionError("node never reported " + wanted);
    }
}
