package io.fedmq.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.orchestrator.ModelRecord.Status;
import io.fedmq.orchestrator.RoundJournal.Checkpoint;
import io.fedmq.orchestrator.RoundJournal.Step;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.testing.InMemoryBus;
import io.fedmq.protocol.testing.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a restarted orchestrator makes of the trail a crash left behind. Each test first runs one real round,
 * then writes exactly the files a crash at one point of the next round leaves (the checkpoint, and the
 * candidate if it got that far), and restarts. The SIGKILL test in the app module does the same with a real
 * process and a real broker.
 */
class CrashResumeTest {
    private static final String FLEET = "test";
    private final InMemoryBus bus = new InMemoryBus();
    private final WireCodec codec = new WireCodec();
    private final Topics topics = new Topics(FLEET);
    @TempDir Path dir;
    private ModelStore store;

    @BeforeEach
    void oneAcceptedRound() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {1}, 10, 0.7);
        store = new ModelStore(dir, codec);
        try (Orchestrator o = orchestrator(1)) {
            o.start(Samples.model(1, 0));
            assertTrue(o.run().get(0).accepted());
        }
        assertEquals(2, store.acceptedVersion().orElseThrow());
    }

    private Orchestrator orchestrator(int rounds) {
        OrchestratorConfig c = OrchestratorConfig.builder(FLEET, dir).rounds(rounds).minNodes(1).nodeWait(Duration.ofSeconds(5))
                .plan(Samples.PLAN).deadlines(Duration.ofSeconds(10)).gate(new AcceptanceGate(0, 1, 1)).secAgg(null).build();
        return new Orchestrator(c, bus.connect("orchestrator"), new ModelStore(dir, codec), new FedAvg(), RoundListener.NONE, codec);
    }

    private void crashIn(Step step, long candidate) throws Exception {
        new RoundJournal(store).write(new Checkpoint(2, step, 2, List.of("a"), candidate, 1));
    }

    private void storeCandidate(Status status) throws Exception {
        GlobalModel v3 = new GlobalModel(3, 2, 2, Samples.model(1, 0).spec(), io.fedmq.protocol.Tensor.vector(new float[] {9}));
        store.save(v3, new ModelRecord(3, 2, 2, v3.hash(), "fedavg", 1, 1, 1, 0.9, 0.1, status, "test", Instant.now()));
        bus.connect("crashed").publish(topics.model(3), codec.encode(v3), true);
    }

    @Test
    void aRoundInterruptedMidTrainingIsClosedAndTheWorkGoesOnUnderANewNumber() throws Exception {
        crashIn(Step.MASKING, 0);
        try (Orchestrator o = orchestrator(2)) {
            o.start(Samples.model(1, 0));
            assertEquals(2, o.acceptedModel().version(), "nothing of the interrupted round is kept");
            List<RoundReport> reports = o.run();
            assertEquals(List.of(3L), reports.stream().map(RoundReport::round).toList(), "round 2 is never run again");
            assertEquals(3, o.acceptedModel().version());
            assertArrayEquals(new float[] {2}, o.acceptedModel().parameters().toArray(), 1e-6f);
        }
        assertTrue(store.history().stream().anyMatch(l -> l.contains("round 2 was interrupted during masking")), store.history().toString());
        assertEquals(List.of(0L, 1L, 3L), store.list().stream().map(ModelRecord::round).toList());
        assertEquals(Step.DONE, new RoundJournal(store).read().orElseThrow().step());
    }

    @Test
    void aVerdictThatReachedTheRecordButNotThePointerIsCompleted() throws Exception {
        storeCandidate(Status.ACCEPTED);
        crashIn(Step.EVALUATING, 3);
        try (Orchestrator o = orchestrator(2)) {
            o.start(Samples.model(1, 0));
            assertEquals(3, o.acceptedModel().version());
            assertEquals(3, store.acceptedVersion().orElseThrow());
            AcceptedModel pointer = codec.decode(bus.retained().get(topics.acceptedModel()), AcceptedModel.class);
            assertEquals(3, pointer.version(), "the fleet is told at once");
            assertEquals(List.of(), o.run(), "the interrupted round had finished: two of two rounds are done");
        }
    }

    @Test
    void aCandidateWithoutVerdictIsAbandonedAndNeverPublished() throws Exception {
        storeCandidate(Status.CANDIDATE);
        crashIn(Step.EVALUATING, 3);
        try (Orchestrator o = orchestrator(2)) {
            o.start(Samples.model(1, 0));
            assertEquals(Status.ABANDONED, store.record(3).orElseThrow().status());
            assertFalse(bus.retained().containsKey(topics.model(3)), "the abandoned candidate's retained model is cleared");
            assertEquals(2, o.acceptedModel().version());
            RoundReport r = o.run().get(0);
            assertEquals(3, r.round());
            assertEquals(4, r.candidate());
            assertEquals(2, store.record(4).orElseThrow().parent(), "the next candidate grows from the accepted model");
        }
    }

    @Test
    void aRestartAfterTheLastRoundRunsNothingMore() throws Exception {
        try (Orchestrator o = orchestrator(1)) {
            o.start(Samples.model(1, 0));
            assertEquals(List.of(), o.run());
            assertEquals(2, o.acceptedModel().version());
        }
    }

    @Test
    void everyRoundEndsWithADoneCheckpointThatCountsIt() throws Exception {
        try (Orchestrator o = orchestrator(3)) {
            o.start(Samples.model(1, 0));
            assertEquals(2, o.run().size());
        }
        Checkpoint c = new RoundJournal(store).read().orElseThrow();
        assertEquals(new Checkpoint(3, Step.DONE, 3, List.of("a"), 4, 3), c);
    }
}
