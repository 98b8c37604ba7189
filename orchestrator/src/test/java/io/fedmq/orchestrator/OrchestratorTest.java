package io.fedmq.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.testing.InMemoryBus;
import io.fedmq.protocol.testing.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestratorTest {
    private static final String FLEET = "test";
    private final InMemoryBus bus = new InMemoryBus();
    private final WireCodec codec = new WireCodec();
    private final Topics topics = new Topics(FLEET);
    @TempDir Path dir;

    private OrchestratorConfig config(int rounds, int minNodes, Duration deadline, AcceptanceGate gate) {
        return OrchestratorConfig.builder(FLEET, dir).rounds(rounds).minNodes(minNodes).nodeWait(Duration.ofSeconds(5)).plan(Samples.PLAN)
                .deadlines(deadline).gate(gate).secAgg(null).build();
    }

    private static final AcceptanceGate OPEN_GATE = new AcceptanceGate(0, 1, 1);

    private Orchestrator orchestrator(OrchestratorConfig config) {
        return new Orchestrator(config, bus.connect("orchestrator"), new ModelStore(config.modelDir(), codec), new FedAvg(),
                RoundListener.NONE, codec);
    }

    @Test
    void aggregatesUpdatesWeightedByExampleCountAndAcceptsTheCandidate() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {1, 0, 0}, 30, 0.7);
        new FakeNode(bus, FLEET, "b", new float[] {0, 1, 0}, 10, 0.5);
        try (Orchestrator o = orchestrator(config(1, 2, Duration.ofSeconds(10), OPEN_GATE))) {
            o.start(Samples.model(1, 1, 1, 1));
            RoundReport r = o.run().get(0);
            assertTrue(r.accepted(), r.reason());
            assertEquals(2, r.answered());
            assertEquals(0.6, r.testAccuracy(), 1e-9); // (0.7*10 + 0.5*10) / 20
            assertArrayEquals(new float[] {1.75f, 1.25f, 1f}, o.acceptedModel().parameters().toArray(), 1e-6f);
            assertEquals(2, new ModelStore(dir, codec).accepted().orElseThrow().version());
        }
    }

    @Test
    void dropsAStragglerAtTheDeadlineAndAggregatesTheOthers() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {2, 2}, 10, 0.7);
        FakeNode slow = new FakeNode(bus, FLEET, "slow", new float[] {100, 100}, 10, 0.7);
        slow.silentInTraining = true;
        // The straggler is waited for until the deadline; the deadline is generous so a loaded machine cannot
        // make the honest node miss it.
        try (Orchestrator o = orchestrator(config(1, 2, Duration.ofSeconds(3), OPEN_GATE))) {
            o.start(Samples.model(1, 0, 0));
            RoundReport r = o.run().get(0);
            assertEquals(2, r.selected());
            assertEquals(1, r.answered());
            assertArrayEquals(new float[] {2, 2}, o.acceptedModel().parameters().toArray(), 1e-6f);
        }
    }

    @Test
    void aRejectedCandidateLeavesTheAcceptedModelInPlace() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {5, 5}, 10, 0.3);
        GlobalModel initial = Samples.model(1, 0, 0);
        try (Orchestrator o = orchestrator(config(1, 1, Duration.ofSeconds(10), new AcceptanceGate(0.9, 0.05, 1)))) {
            o.start(initial);
            RoundReport r = o.run().get(0);
            assertFalse(r.accepted());
            assertTrue(r.reason().contains("below the bar"), r.reason());
            assertEquals(initial, o.acceptedModel());
        }
        ModelStore store = new ModelStore(dir, codec);
        assertEquals(1, store.accepted().orElseThrow().version());
        assertEquals(ModelRecord.Status.REJECTED, store.record(2).orElseThrow().status());
        assertFalse(bus.retained().containsKey(topics.model(2)), "a rejected candidate must not stay retained");
        assertTrue(bus.retained().containsKey(topics.model(1)));
    }

    @Test
    void hostileMessagesAreRejectedAndTheRoundMatchesACleanOne() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {1, 1}, 10, 0.7);
        FakeNode b = new FakeNode(bus, FLEET, "b", new float[] {3, 3}, 10, 0.7);
        java.util.concurrent.CountDownLatch attackDone = new java.util.concurrent.CountDownLatch(1);
        b.holdTraining = attackDone; // b answers after the attack, so the round is still collecting all of it
        Transport rogue = bus.connect("rogue");
        AtomicBoolean attacked = new AtomicBoolean();
        rogue.subscribe(topics.round(), (t, p, r) -> {
            RoundState s = codec.decode(p, RoundState.class);
            if (s.phase() != RoundState.Phase.TRAINING || !attacked.compareAndSet(false, true)) return;
            long round = s.round();
            String aTopic = topics.nodeStage(round, Stage.UPDATE, "a");
            byte[] valid = codec.encode(new ModelUpdate(round, "a", s.modelVersion(), 1000, 0.1, Tensor.vector(new float[] {-50, -50})));
            rogue.publish(aTopic, new byte[] {1, 2, 3}, false);                                          // garbage
            rogue.publish(aTopic, java.util.Arrays.copyOf(valid, valid.length - 3), false);              // truncated
            rogue.publish(topics.nodeStage(round, Stage.UPDATE, "b"), valid, false);                     // a's payload on b's topic
            rogue.publish(topics.nodeStage(round - 1, Stage.UPDATE, "a"), valid, false);                 // wrong round topic
            rogue.publish(topics.nodeStage(round, Stage.UPDATE, "mallory"), codec.encode(
                    new ModelUpdate(round, "mallory", s.modelVersion(), 1000, 0.1, Tensor.vector(new float[] {-50, -50}))), false); // not selected
            rogue.publish(topics.nodeStage(round, Stage.UPDATE, "b"), codec.encode(
                    new ModelUpdate(round, "b", s.modelVersion(), 1000, 0.1, Tensor.vector(new float[] {-50, -50, -50}))), false); // wrong shape
            byte[] nan = valid.clone();
            nan[nan.length - 1] = (byte) 0x7f; nan[nan.length - 2] = (byte) 0xc0; nan[nan.length - 3] = 0; nan[nan.length - 4] = 0;
            rogue.publish(aTopic, nan, false);                                                            // NaN weight
            attackDone.countDown();
        });
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        RoundListener recorder = new RoundListener() {
            @Override public void onRejected(String source, String reason) { reasons.add(reason); }
        };
        OrchestratorConfig c = config(1, 2, Duration.ofSeconds(10), OPEN_GATE);
        try (Orchestrator o = new Orchestrator(c, bus.connect("orchestrator"), new ModelStore(dir, codec), new FedAvg(), recorder, codec)) {
            o.start(Samples.model(1, 0, 0));
            RoundReport r = o.run().get(0);
            assertTrue(attacked.get());
            String all = String.join("\n", reasons);
            for (String expected : List.of("malformed MessagePack", "truncated payload", "claims node a but arrived on b's topic",
                    "topic says 0", "not selected", "update has 3 values, model has 2", "NaN")) {
                assertTrue(all.contains(expected), "no rejection saying '" + expected + "' in:\n" + all);
            }
            assertEquals(2, r.answered());
            assertTrue(r.accepted(), r.reason());
            // The same result as a clean round: the mean of a's and b's deltas, nothing of the rogue's.
            assertArrayEquals(new float[] {2, 2}, o.acceptedModel().parameters().toArray(), 1e-6f);
        }
    }

    @Test
    void duplicatesAndReplaysAreCountedOnce() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {4}, 10, 0.7);
        FakeNode b = new FakeNode(bus, FLEET, "b", new float[] {0}, 10, 0.7);
        b.silentInTraining = true; // b stays silent so a's duplicate would be the 2nd answer if it were counted
        Transport replayer = bus.connect("replayer");
        replayer.subscribe(topics.nodeStageFilter(), (t, p, r) -> {
            if (t.endsWith("/update/a")) {
                replayer.publish(t, p, false); // the same bytes again
            }
        });
        try (Orchestrator o = orchestrator(config(1, 2, Duration.ofSeconds(3), OPEN_GATE))) {
            o.start(Samples.model(1, 0));
            RoundReport r = o.run().get(0);
            assertEquals(1, r.answered());
            assertArrayEquals(new float[] {4}, o.acceptedModel().parameters().toArray(), 1e-6f);
        }
    }

    @Test
    void aRestartResumesFromTheAcceptedModelAndNumbersRoundsOn() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {1}, 10, 0.7);
        try (Orchestrator o = orchestrator(config(2, 1, Duration.ofSeconds(10), OPEN_GATE))) {
            o.start(Samples.model(1, 0));
            assertEquals(List.of(1L, 2L), o.run().stream().map(RoundReport::round).toList());
        }
        try (Orchestrator o = orchestrator(config(3, 1, Duration.ofSeconds(10), OPEN_GATE))) { // three in all: one more
            o.start(Samples.model(1, 0)); // ignored: the store has an accepted model
            assertEquals(3, o.acceptedModel().version());
            RoundReport r = o.run().get(0);
            assertEquals(3, r.round());
            assertArrayEquals(new float[] {3}, o.acceptedModel().parameters().toArray(), 1e-6f);
        }
    }

    @Test
    void noNodesMeansAFailedRoundNotAHang() throws Exception {
        OrchestratorConfig c = OrchestratorConfig.builder(FLEET, dir).rounds(1).minNodes(1).nodeWait(Duration.ofMillis(200)).plan(Samples.PLAN)
                .deadlines(Duration.ofSeconds(1)).gate(OPEN_GATE).secAgg(null).build();
        try (Orchestrator o = orchestrator(c)) {
            o.start(Samples.model(1, 0));
            RoundReport r = o.run().get(0);
            assertFalse(r.accepted());
            assertTrue(r.reason().contains("0 of 1 required nodes online"), r.reason());
            assertEquals(1, o.acceptedModel().version());
        }
    }
}
