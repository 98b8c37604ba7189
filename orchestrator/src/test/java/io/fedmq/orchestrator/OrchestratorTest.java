package io.fedmq.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fedmq.protocol.AcceptedModel;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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

    private Orchestrator orchestrator(OrchestratorConfig config) { return orchestrator(config, RoundListener.NONE); }

    private Orchestrator orchestrator(OrchestratorConfig config, RoundListener listener) {
        return new Orchestrator(config, bus.connect("orchestrator"), new ModelStore(config.modelDir(), codec), new FedAvg(),
                listener, codec);
    }

    /** The version the fleet is told to run: the retained pointer on the bus. */
    private long retainedAcceptedVersion() throws Exception {
        return codec.decode(bus.retained().get(topics.acceptedModel()), AcceptedModel.class).version();
    }

    /** Records every rejection reason; the orchestrator calls it on the round thread. */
    private static class Rejections implements RoundListener {
        final List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        @Override public void onRejected(String source, String reason) { reasons.add(source + ": " + reason); }
        boolean any(String fragment) { return reasons.stream().anyMatch(r -> r.contains(fragment)); }
    }

    /** Captures what {@code type} logs until {@link #release}: that something was ignored is an operator's business. */
    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    private static void release(Class<?> type, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
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
    void dropsAStragglerAtTheDeadlineAndNeverAggregatesItsLateUpdate() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {2, 2}, 10, 0.7);
        FakeNode slow = new FakeNode(bus, FLEET, "slow", new float[] {100, 100}, 10, 0.7);
        slow.slowerThanTheDeadline = true; // round r's update arrives during round r+1
        Rejections rejections = new Rejections();
        ListAppender<ILoggingEvent> collectorLog = capture(Collector.class);
        // The straggler is waited for until the deadline; the deadline is generous so a loaded machine cannot
        // make the honest node miss it.
        try (Orchestrator o = orchestrator(config(2, 2, Duration.ofSeconds(3), OPEN_GATE), rejections)) {
            o.start(Samples.model(1, 0, 0));
            List<RoundReport> rounds = o.run();
            for (RoundReport r : rounds) {
                assertEquals(2, r.selected());
                assertEquals(1, r.answered(), "round " + r.round() + " counted the straggler");
                assertTrue(r.accepted(), r.reason());
            }
            // Two rounds of a's {2, 2} alone: had round 1's late {100, 100} slipped into round 2, this would show it.
            assertArrayEquals(new float[] {4, 4}, o.acceptedModel().parameters().toArray(), 1e-6f);
        } finally {
            release(Collector.class, collectorLog);
        }
        List<String> logged = collectorLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(logged.stream().anyMatch(m -> m.contains("deadline passed without [slow]")), String.join("\n", logged));
        assertTrue(logged.stream().anyMatch(m -> m.contains("rejected update from slow for round 1")),
                "the late update of round 1 was not logged as ignored:\n" + String.join("\n", logged));
        assertTrue(rejections.any("slow: stale or replayed: the current round is 2"), rejections.reasons.toString());
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
        ModelRecord rejected = store.record(2).orElseThrow();
        assertEquals(ModelRecord.Status.REJECTED, rejected.status());
        assertTrue(rejected.reason().contains("below the bar"), rejected.reason());
        assertEquals(0.3, rejected.accuracy(), 1e-9);
        assertEquals(1, retainedAcceptedVersion(), "the fleet was pointed at a rejected model");
        assertFalse(bus.retained().containsKey(topics.model(2)), "a rejected candidate must not stay retained");
        assertTrue(bus.retained().containsKey(topics.model(1)));
    }

    @Test
    void regressionIsMeasuredAgainstTheAcceptedModelNotTheLastCandidate() throws Exception {
        FakeNode a = new FakeNode(bus, FLEET, "a", new float[] {1}, 10, 0.8);
        FakeNode b = new FakeNode(bus, FLEET, "b", new float[] {1}, 10, 0.8);
        // Accuracy the nodes report in rounds 2, 3 and 4 (round 1: 0.8), against a tolerance of 0.05:
        // 0.70 regresses past 0.8; 0.72 is above the rejected 0.70 but still past 0.8; 0.76 is within it.
        java.util.Deque<Double> next = new java.util.ArrayDeque<>(List.of(0.70, 0.72, 0.76));
        List<Long> pointerAfterRound = new java.util.ArrayList<>();
        RoundListener script = new RoundListener() {
            @Override public void onRoundFinished(RoundReport report) {
                try {
                    pointerAfterRound.add(retainedAcceptedVersion());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                Double acc = next.poll();
                if (acc != null) { a.accuracy = acc; b.accuracy = acc; }
            }
        };
        try (Orchestrator o = orchestrator(config(4, 2, Duration.ofSeconds(10), new AcceptanceGate(0, 0.05, 1)), script)) {
            o.start(Samples.model(1, 0));
            List<RoundReport> r = o.run();
            assertEquals(List.of(true, false, false, true), r.stream().map(RoundReport::accepted).toList(),
                    r.stream().map(RoundReport::reason).toList().toString());
            assertTrue(r.get(1).reason().contains("regresses past"), r.get(1).reason());
            assertTrue(r.get(2).reason().contains("regresses past"), r.get(2).reason());
            assertEquals(5, o.acceptedModel().version());
        }
        assertEquals(List.of(2L, 2L, 2L, 5L), pointerAfterRound, "the retained accepted pointer moved on a rejection");
        ModelStore store = new ModelStore(dir, codec);
        for (long v : new long[] {3, 4}) {
            ModelRecord rec = store.record(v).orElseThrow();
            assertEquals(ModelRecord.Status.REJECTED, rec.status());
            assertTrue(rec.reason().contains("regresses past"), rec.reason());
            assertEquals(2, rec.parent(), "v" + v + " should be trained from the kept v2");
        }
        assertEquals(2, store.record(5).orElseThrow().parent());
        assertEquals(5, store.accepted().orElseThrow().version());
    }

    @Test
    void tooFewEvaluationReportsRejectTheCandidate() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {1}, 10, 0.9);
        FakeNode b = new FakeNode(bus, FLEET, "b", new float[] {1}, 10, 0.9);
        b.silentInEvaluation = true;
        try (Orchestrator o = orchestrator(config(1, 2, Duration.ofSeconds(3), new AcceptanceGate(0, 1, 2)))) {
            o.start(Samples.model(1, 0));
            RoundReport r = o.run().get(0);
            assertEquals(2, r.answered(), "both trained");
            assertEquals(1, r.reports());
            assertFalse(r.accepted());
            assertTrue(r.reason().contains("1 evaluation reports, need 2"), r.reason());
            assertEquals(1, o.acceptedModel().version());
        }
        ModelRecord rec = new ModelStore(dir, codec).record(2).orElseThrow();
        assertEquals(ModelRecord.Status.REJECTED, rec.status());
        assertTrue(rec.reason().contains("need 2"), rec.reason());
        assertEquals(1, retainedAcceptedVersion());
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
            for (String expected : List.of("malformed MessagePack", "truncated: delta data claims", "claims node a but arrived on b's topic",
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
        // b answers only after the replayer has done its work, so the round is still collecting all of it.
        CountDownLatch round1Replayed = new CountDownLatch(1), round2Replayed = new CountDownLatch(1);
        b.holdTraining = round1Replayed;
        Transport replayer = bus.connect("replayer");
        java.util.concurrent.atomic.AtomicReference<byte[]> round1Update = new java.util.concurrent.atomic.AtomicReference<>();
        replayer.subscribe(topics.nodeStage(1, Stage.UPDATE, "a"), (t, p, r) -> {
            if (!round1Update.compareAndSet(null, p)) return; // its own copy comes back too: replay once
            replayer.publish(t, p, false);                     // the same bytes twice in round 1
            round1Replayed.countDown();
        });
        replayer.subscribe(topics.round(), (t, p, r) -> {
            RoundState s = codec.decode(p, RoundState.class);
            if (s.round() != 2 || s.phase() != RoundState.Phase.TRAINING || round2Replayed.getCount() == 0) return;
            byte[] old = round1Update.get();
            replayer.publish(topics.nodeStage(1, Stage.UPDATE, "a"), old, false); // round 1's update during round 2
            replayer.publish(topics.nodeStage(2, Stage.UPDATE, "a"), old, false); // ... and moved onto round 2's topic
            round2Replayed.countDown();
        });
        Rejections rejections = new Rejections() {
            @Override public void onRoundFinished(RoundReport report) { b.holdTraining = round2Replayed; } // before round 2 is announced
        };
        try (Orchestrator o = orchestrator(config(2, 2, Duration.ofSeconds(10), OPEN_GATE), rejections)) {
            o.start(Samples.model(1, 0));
            List<RoundReport> r = o.run();
            assertEquals(List.of(2, 2), r.stream().map(RoundReport::answered).toList());
            // Each round the mean of a's {4} and b's {0}: a counted twice would pull it to 8/3.
            assertArrayEquals(new float[] {4}, o.acceptedModel().parameters().toArray(), 1e-6f);
        } finally {
            replayer.close();
        }
        assertTrue(rejections.any("duplicate: already counted"), rejections.reasons.toString());
        assertTrue(rejections.any("stale or replayed: the current round is 2"), rejections.reasons.toString());
        assertTrue(rejections.any("payload says round 1, topic says 2"), rejections.reasons.toString());
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
    void withRoundsZeroItRunsUntilStoppedPausingBetweenRounds() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {1}, 10, 0.7);
        OrchestratorConfig c = OrchestratorConfig.builder(FLEET, dir).rounds(0).roundInterval(Duration.ofMillis(300)).minNodes(1)
                .nodeWait(Duration.ofSeconds(5)).plan(Samples.PLAN).deadlines(Duration.ofSeconds(10)).gate(OPEN_GATE).secAgg(null).build();
        List<Long> finishedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch three = new java.util.concurrent.CountDownLatch(3);
        RoundListener listener = new RoundListener() {
            @Override public void onRoundFinished(RoundReport report) { finishedAt.add(System.nanoTime()); three.countDown(); }
        };
        try (Orchestrator o = orchestrator(c, listener)) {
            o.start(Samples.model(1, 0));
            java.util.concurrent.atomic.AtomicReference<Throwable> ended = new java.util.concurrent.atomic.AtomicReference<>();
            Thread runner = new Thread(() -> {
                try {
                    o.run();
                    ended.set(new AssertionError("run() returned by itself"));
                } catch (Throwable t) {
                    ended.set(t);
                }
            }, "orchestrator-until-stopped");
            runner.start();
            assertTrue(three.await(60, java.util.concurrent.TimeUnit.SECONDS), "three rounds, with no end in sight");
            runner.interrupt(); // what stopping the service amounts to
            runner.join(30_000);
            assertFalse(runner.isAlive());
            assertInstanceOf(InterruptedException.class, ended.get(), String.valueOf(ended.get()));
            for (int i = 1; i < 3; i++) {
                assertTrue(finishedAt.get(i) - finishedAt.get(i - 1) >= 300_000_000L, "the interval separates rounds " + i + " and " + (i + 1));
            }
            assertTrue(new ModelStore(dir, codec).accepted().orElseThrow().version() >= 4, "each round's model was accepted");
        }
        assertThrows(IllegalArgumentException.class, () -> OrchestratorConfig.builder(FLEET, dir).rounds(-1).build());
        assertThrows(IllegalArgumentException.class, () -> OrchestratorConfig.builder(FLEET, dir).roundInterval(Duration.ofSeconds(-1)).build());
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
