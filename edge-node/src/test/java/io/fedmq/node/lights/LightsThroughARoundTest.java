package io.fedmq.node.lights;

import static io.fedmq.node.lights.Led.BLUE;
import static io.fedmq.node.lights.Led.GREEN;
import static io.fedmq.node.lights.Led.RED;
import static io.fedmq.node.lights.Led.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.node.Learner;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.EvaluationReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Message;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.NodeStatus.State;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.testing.InMemoryBus;
import io.fedmq.protocol.testing.Samples;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LEDs through whole rounds, driven by a real {@link NodeAgent} on the in-memory bus. The learner and the
 * upload wait at gates the test opens, so each phase holds still while the test steps the LED clock through it.
 */
class LightsThroughARoundTest {
    private static final long TIMEOUT_S = 5;

    private final InMemoryBus bus = new InMemoryBus();
    private final WireCodec codec = new WireCodec();
    private final Topics topics = new Topics("home");
    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingLeds leds = new RecordingLeds(clock);
    private final StatusLights lights = new StatusLights(leds, clock);
    private final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
    private final BlockingQueue<Message> fromNode = new LinkedBlockingQueue<>();
    private final Gate training = new Gate(), evaluating = new Gate(), uploading = new Gate();
    private final GatedLearner learner = new GatedLearner();
    private Transport server;
    private NodeAgent agent;

    /** Where a node thread waits until the test lets it through. */
    static final class Gate {
        private final Semaphore arrived = new Semaphore(0), pass = new Semaphore(0);

        void enter() throws InterruptedException {
            arrived.release();
            if (!pass.tryAcquire(TIMEOUT_S, TimeUnit.SECONDS)) throw new IllegalStateException("the test never opened the gate");
        }

        void awaitArrival(String what) throws InterruptedException {
            assertTrue(arrived.tryAcquire(TIMEOUT_S, TimeUnit.SECONDS), "the node never started " + what);
        }

        void open() { pass.release(); }
    }

    final class GatedLearner implements Learner {
        volatile boolean fail;

        @Override
        public TrainOutcome train(GlobalModel model, TrainingPlan plan) throws InterruptedException {
            if (fail) throw new IllegalStateException("SD card read error (simulated)");
            training.enter();
            return new TrainOutcome(new float[model.parameters().size()], 42, 0.8);
        }

        @Override
        public EvalOutcome evaluate(GlobalModel model) throws InterruptedException {
            evaluating.enter();
            return new EvalOutcome(7, 0.9, 0.75);
        }
    }

    /** The node's connection, holding back its update until the test opens the upload gate. */
    final class GatedTransport implements Transport {
        private final Transport inner;

        GatedTransport(Transport inner) { this.inner = inner; }

        @Override
        public void publish(String topic, byte[] payload, boolean retained) throws TransportException {
            if (topic.contains("/update/")) {
                try {
                    uploading.enter();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportException("interrupted");
                }
            }
            inner.publish(topic, payload, retained);
        }

        @Override
        public void subscribe(String filter, Handler handler) throws TransportException { inner.subscribe(filter, handler); }

        @Override
        public Traffic traffic() { return inner.traffic(); }

        @Override
        public void close() { inner.close(); }
    }

    /** Hears each event after the lights have: when the test sees it, the LEDs already show it. */
    private final NodeObserver recorder = new NodeObserver() {
        @Override public void onState(State state) { heard.add(state); }

        @Override public void onAccepted(AcceptedModel model) { heard.add(model); }
    };

    @BeforeEach
    void start() throws Exception {
        server = bus.connect("orchestrator");
        server.subscribe(topics.nodeStageFilter(), (t, p, r) -> fromNode.add(codec.decode(p)));
        agent = new NodeAgent("pi-1", "home", new GatedTransport(bus.connect("pi-1")), learner, codec,
                NodeObserver.all(lights, recorder));
        agent.start();
        awaitHeard(State.IDLE);
    }

    @AfterEach
    void stop() {
        training.open();
        evaluating.open();
        uploading.open();
        agent.close();
        lights.close();
    }

    @Test
    void everyPhaseOfARoundShowsItsPatternAndTheAcceptedModelFlashes() throws Exception {
        assertShows("idle", Set.of(GREEN));
        clock.advance(100);
        assertShows("idle, between blips", Set.of());

        GlobalModel global = Samples.model(3, 1, 2, 3);
        publishModel(global);
        publishRound(1, Phase.TRAINING, global);
        training.awaitArrival("training");
        assertShows("training", Set.of(YELLOW));
        clock.advance(500);
        assertShows("training, dark half", Set.of());
        clock.advance(500);
        assertShows("training, again", Set.of(YELLOW));

        training.open();
        uploading.awaitArrival("uploading");
        assertShows("uploading", Set.of(BLUE));
        clock.advance(100);
        assertShows("uploading, dark half", Set.of());
        clock.advance(100);
        assertShows("uploading, again", Set.of(BLUE));

        uploading.open();
        assertInstanceOf(ModelUpdate.class, nextFromNode());
        awaitHeard(State.IDLE);
        assertShows("idle after the upload", Set.of(GREEN));

        GlobalModel candidate = Samples.model(4, 2, 3, 4);
        publishModel(candidate);
        publishRound(1, Phase.EVALUATING, candidate);
        evaluating.awaitArrival("evaluating");
        assertShows("evaluating", Set.of(YELLOW));
        clock.advance(250);
        assertShows("evaluating, the other colour", Set.of(BLUE));

        evaluating.open();
        assertInstanceOf(EvaluationReport.class, nextFromNode());
        awaitHeard(State.IDLE);
        clock.advance(1_000);
        assertShows("idle, between blips", Set.of());

        long flash = clock.nowMillis();
        server.publish(topics.acceptedModel(), codec.encode(new AcceptedModel(4, candidate.hash(), 1, 0.75)), true);
        assertInstanceOf(AcceptedModel.class, heard.poll(TIMEOUT_S, TimeUnit.SECONDS));
        assertShows("accepted", Set.of(GREEN));
        clock.advance(899);
        assertEquals(3, leds.turnOns(GREEN, flash), "three green flashes");
        assertEquals(Set.of(GREEN), leds.changes().stream().filter(c -> c.at() >= flash).map(RecordingLeds.Change::led)
                .collect(java.util.stream.Collectors.toSet()), "only green moves during the flash");
        clock.advance(3_000);
        assertShows("back to the idle heartbeat", Set.of());
        assertEquals(5, leds.turnOns(GREEN, flash), "the flash, then one heartbeat's two blips");
    }

    @Test
    void aFailedRoundStaysRedUntilTheNodeTrainsSuccessfullyAgain() throws Exception {
        GlobalModel global = Samples.model(3, 1, 2, 3);
        publishModel(global);
        learner.fail = true;
        publishRound(1, Phase.TRAINING, global);
        awaitHeard(State.ERROR);
        assertShows("error", Set.of(RED));
        clock.advance(10 * 60_000);
        assertShows("error, ten minutes on", Set.of(RED));

        learner.fail = false;
        publishRound(2, Phase.TRAINING, global);
        training.awaitArrival("training again");
        assertShows("retrying, red still lit", Set.of(RED, YELLOW));
        clock.advance(500);
        assertShows("retrying, yellow's dark half", Set.of(RED));

        training.open();
        uploading.awaitArrival("uploading");
        assertShows("the update is on its way, but not yet out", Set.of(RED, BLUE));
        uploading.open();
        assertInstanceOf(ModelUpdate.class, nextFromNode());
        awaitHeard(State.IDLE);
        assertShows("good work cleared the error", Set.of(GREEN));
        clock.advance(60_000);
        assertEquals(0, leds.turnOns(RED, clock.nowMillis() - 60_000));
    }

    private void assertShows(String when, Set<Led> lit) { assertEquals(lit, leds.lit(), when); }

    private void awaitHeard(State wanted) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < end) {
            if (heard.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS) == wanted) return;
        }
        throw new AssertionError("the node never reported " + wanted);
    }

    private Message nextFromNode() throws InterruptedException {
        Message m = fromNode.poll(TIMEOUT_S, TimeUnit.SECONDS);
        assertNotNull(m, "the node published nothing");
        return m;
    }

    private void publishModel(GlobalModel m) throws Exception { server.publish(topics.model(m.version()), codec.encode(m), true); }

    private void publishRound(long round, Phase phase, GlobalModel m) throws Exception {
        RoundState s = new RoundState(round, phase, m.version(), m.hash(), Samples.PLAN, List.of("pi-1"),
                System.currentTimeMillis() + 60_000, null);
        server.publish(topics.round(), codec.encode(s), true);
    }
}
