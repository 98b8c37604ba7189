package io.fedmq.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.orchestrator.ModelRecord.Status;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.testing.InMemoryBus;
import io.fedmq.protocol.testing.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrailTest {
    private static final String FLEET = "test";
    private final InMemoryBus bus = new InMemoryBus();
    private final WireCodec codec = new WireCodec();
    private final Topics topics = new Topics(FLEET);
    @TempDir Path dir;

    private Orchestrator orchestrator(int rounds, AcceptanceGate gate, RoundListener listener) {
        OrchestratorConfig c = OrchestratorConfig.builder(FLEET, dir).rounds(rounds).minNodes(1).nodeWait(Duration.ofSeconds(5))
                .plan(Samples.PLAN).deadlines(Duration.ofSeconds(10)).gate(gate).secAgg(null).build();
        return new Orchestrator(c, bus.connect("orchestrator"), new ModelStore(dir, codec), new FedAvg(), listener, codec);
    }

    private long retainedPointer() throws Exception {
        return codec.decode(bus.retained().get(topics.acceptedModel()), AcceptedModel.class).version();
    }

    private long retainedEpoch() throws Exception {
        return codec.decode(bus.retained().get(topics.acceptedModel()), AcceptedModel.class).epoch();
    }

    @Test
    void rollbackRepublishesTheOldVersionAndTheNextRoundGrowsFromIt() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {1}, 10, 0.7);
        ModelTrail trail = new ModelTrail(new ModelStore(dir, codec));
        try (Orchestrator o = orchestrator(2, new AcceptanceGate(0, 1, 1), RoundListener.NONE)) {
            o.start(Samples.model(1, 0));
            o.run();
            assertEquals(3, retainedPointer());
            assertEquals(3, retainedEpoch(), "v1, v2 and v3: three moves");

            assertEquals(3, trail.rollback(2));
            trail.announce(bus.connect("operator"), topics, codec, 3);
            assertEquals(2, retainedPointer(), "nodes are told to switch at once");
            assertEquals(4, retainedEpoch(), "a rollback moves the pointer on, so nodes tell it from a replay of v2's old pointer");
            assertFalse(bus.retained().containsKey(topics.model(3)), "the superseded model is no longer offered");
            assertTrue(bus.retained().containsKey(topics.model(2)));
        }
        try (Orchestrator o = orchestrator(3, new AcceptanceGate(0, 1, 1), RoundListener.NONE)) {
            o.start(Samples.model(1, 0));
            assertEquals(2, o.acceptedModel().version(), "a restarted orchestrator starts from the rolled-back model");
            RoundReport r = o.run().get(0);
            assertEquals(4, r.candidate());
            assertEquals(2, trail.store().record(4).orElseThrow().parent());
        }
        assertTrue(trail.historyOf(2).stream().anyMatch(l -> l.contains("rolled back to v2 from v3")), trail.historyOf(2).toString());
        assertEquals(Status.ACCEPTED, trail.store().record(3).orElseThrow().status(), "history is not rewritten");
    }

    @Test
    void everyMoveOfThePointerIsANewEpochAndAnOldTrailReadsAsEpochZero() throws Exception {
        ModelStore store = new ModelStore(dir, codec);
        try (Orchestrator o = orchestrator(1, new AcceptanceGate(0, 1, 1), RoundListener.NONE)) {
            o.start(Samples.model(1, 0));
        }
        assertEquals(1, store.acceptedEpoch(), "the initial model is the first move");
        java.nio.file.Files.writeString(dir.resolve("ACCEPTED"), "1"); // a trail from before epochs
        assertEquals(1, store.acceptedVersion().getAsLong());
        assertEquals(0, store.acceptedEpoch());
        store.markAccepted(1);
        assertEquals(1, store.acceptedEpoch());
        java.nio.file.Files.writeString(dir.resolve("ACCEPTED"), "1 x");
        assertThrows(java.io.IOException.class, store::acceptedEpoch);
    }

    @Test
    void onlyAVersionThatPassedTheGateCanBeRolledBackTo() throws Exception {
        FakeNode a = new FakeNode(bus, FLEET, "a", new float[] {1}, 10, 0.2);
        try (Orchestrator o = orchestrator(1, new AcceptanceGate(0.5, 0.05, 1), RoundListener.NONE)) {
            o.start(Samples.model(1, 0));
            assertFalse(o.run().get(0).accepted());
        }
        ModelTrail trail = new ModelTrail(new ModelStore(dir, codec));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trail.rollback(2));
        assertTrue(e.getMessage().contains("never accepted (REJECTED"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> trail.rollback(42));
        assertTrue(e.getMessage().contains("no model v42"), e.getMessage());
        assertEquals(1, trail.current());
        assertEquals(0.2, a.accuracy);
    }

    @Test
    void aRollbackDuringARoundVoidsThatRoundsVerdict() throws Exception {
        new FakeNode(bus, FLEET, "a", new float[] {1}, 10, 0.7);
        ModelTrail trail = new ModelTrail(new ModelStore(dir, codec));
        boolean[] rolledBack = {false};
        RoundListener operator = new RoundListener() {
            @Override
            public void onProgress(long round, String phase, int answered, int expected) {
                if (round == 2 && phase.equals("report") && !rolledBack[0]) {
                    try {
                        trail.rollback(1); // lands between the candidate's evaluation and its verdict
                        rolledBack[0] = true;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        try (Orchestrator o = orchestrator(2, new AcceptanceGate(0, 1, 1), operator)) {
            o.start(Samples.model(1, 0));
            var reports = o.run();
            assertTrue(reports.get(0).accepted());
            assertFalse(reports.get(1).accepted());
            assertTrue(reports.get(1).reason().contains("changed to v1 during the round"), reports.get(1).reason());
            assertEquals(1, trail.current(), "the operator's rollback stands");
            assertEquals(Status.REJECTED, trail.store().record(3).orElseThrow().status());
        }
    }
}
