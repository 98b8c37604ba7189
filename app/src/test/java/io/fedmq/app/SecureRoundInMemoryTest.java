package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.node.Learner;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.Orchestrator;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.RoundListener;
import io.fedmq.orchestrator.RoundReport;
import io.fedmq.orchestrator.SecureAggregationConfig;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.testing.InMemoryBus;
import io.fedmq.protocol.testing.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secure rounds end to end on the in-memory bus: exact protocol, fake learners with known updates. */
class SecureRoundInMemoryTest {
    private static final String FLEET = "sec";
    private final InMemoryBus bus = new InMemoryBus();
    private final WireCodec codec = new WireCodec();
    private final List<NodeAgent> agents = new ArrayList<>();
    @TempDir Path dir;

    /** Every node's update is a constant vector of its own; weights are its example counts. */
    record FixedLearner(float value, long examples) implements Learner {
        @Override
        public TrainOutcome train(GlobalModel model, TrainingPlan plan) {
            float[] d = new float[model.parameters().size()];
            java.util.Arrays.fill(d, value);
            return new TrainOutcome(d, examples, 0.5);
        }

        @Override
        public EvalOutcome evaluate(GlobalModel model) { return new EvalOutcome(10, 1.0, 0.5); }
    }

    @AfterEach
    void stop() { agents.forEach(NodeAgent::close); }

    private void node(String id, float value, long examples, Stage dieAt) throws Exception {
        Transport t = bus.connect(id);
        if (dieAt != null) t = new DyingTransport(t, dieAt, () -> { });
        NodeAgent a = new NodeAgent(id, FLEET, t, new FixedLearner(value, examples), codec, NodeObserver.NONE);
        a.start();
        agents.add(a);
    }

    private RoundReport runOneRound(int minNodes, Duration stageDeadline) throws Exception {
        OrchestratorConfig c = OrchestratorConfig.builder(FLEET, dir).rounds(1).minNodes(minNodes).nodeWait(Duration.ofSeconds(5))
                .plan(Samples.PLAN).deadlines(stageDeadline).gate(new AcceptanceGate(0, 1, 1))
                .secAgg(SecureAggregationConfig.DEFAULT.withStageDeadlines(stageDeadline)).build();
        try (Orchestrator o = new Orchestrator(c, bus.connect("orchestrator"), new ModelStore(dir, codec), new FedAvg(),
                RoundListener.NONE, codec)) {
            o.start(Samples.model(1, 0, 0, 0, 0));
            return o.run().get(0);
        }
    }

    private float acceptedValue() throws Exception {
        return new ModelStore(dir, codec).accepted().orElseThrow().parameters().get(0);
    }

    @Test
    void recoversTheExampleWeightedMeanWithoutAnyPlainUpdateOnTheBus() throws Exception {
        Map<String, float[]> nodes = new LinkedHashMap<>();
        node("a", 0.1f, 100, null);
        node("b", -0.2f, 300, null);
        node("c", 0.4f, 200, null);
        node("d", 0.0f, 400, null);
        RoundReport r = runOneRound(4, Duration.ofSeconds(20));
        assertTrue(r.accepted(), r.reason());
        assertEquals(4, r.answered());
        double expected = (0.1 * 100 - 0.2 * 300 + 0.4 * 200 + 0) / 1000.0;
        assertEquals(expected, acceptedValue(), 1e-4);
        assertEquals(4, r.secAgg().summed());
        assertTrue(r.secAgg().maskedBytesPerParameter() <= 3.0 + 3.0 / 4, "24-bit packing: " + r.secAgg().maskedBytesPerParameter());
        assertFalse(bus.publishedTopics().stream().anyMatch(t -> t.contains("/update/")), "no plain update may travel");
        assertTrue(bus.publishedTopics().stream().anyMatch(t -> t.contains("/masked/")));
    }

    @Test
    void aNodeThatDiesAfterSharingKeysIsRecoveredAndLeftOutOfTheSum() throws Exception {
        node("a", 0.1f, 100, null);
        node("b", -0.2f, 300, null);
        node("c", 0.4f, 200, null);
        node("d", 0.3f, 400, Stage.MASKED); // shares its keys, then vanishes before its masked input
        RoundReport r = runOneRound(4, Duration.ofSeconds(3));
        assertTrue(r.accepted(), r.reason());
        assertEquals(3, r.secAgg().summed());
        assertEquals(1, r.secAgg().dropped());
        double expected = (0.1 * 100 - 0.2 * 300 + 0.4 * 200) / 600.0;
        assertEquals(expected, acceptedValue(), 1e-4);
    }

    @Test
    void aNodeThatDiesBeforeSharingKeysIsSimplyLeftOut() throws Exception {
        node("a", 0.1f, 100, null);
        node("b", -0.2f, 300, null);
        node("c", 0.4f, 200, null);
        node("d", 0.3f, 400, Stage.SHARES);
        RoundReport r = runOneRound(4, Duration.ofSeconds(3));
        assertTrue(r.accepted(), r.reason());
        assertEquals(3, r.secAgg().summed());
        assertEquals((0.1 * 100 - 0.2 * 300 + 0.4 * 200) / 600.0, acceptedValue(), 1e-4);
    }

    @Test
    void aNodeThatDiesAfterItsMaskedInputStillCountsItsSelfMaskIsRecovered() throws Exception {
        node("a", 0.1f, 100, null);
        node("b", -0.2f, 300, null);
        node("c", 0.4f, 200, null);
        node("d", 0.3f, 400, Stage.UNMASK);
        node("e", 0.0f, 100, null);
        RoundReport r = runOneRound(5, Duration.ofSeconds(3));
        assertTrue(r.accepted(), r.reason());
        assertEquals(5, r.secAgg().summed());
        assertEquals((0.1 * 100 - 0.2 * 300 + 0.4 * 200 + 0.3 * 400) / 1100.0, acceptedValue(), 1e-4);
    }

    @Test
    void tooManyDropoutsAbortTheRoundAndKeepTheAcceptedModel() throws Exception {
        node("a", 0.1f, 100, null);
        node("b", -0.2f, 300, Stage.MASKED);
        node("c", 0.4f, 200, Stage.MASKED);
        node("d", 0.3f, 400, Stage.MASKED);
        RoundReport r = runOneRound(4, Duration.ofSeconds(3));
        assertFalse(r.accepted());
        assertEquals(0, r.candidate(), "no candidate may come out of an aborted round");
        assertTrue(r.reason().contains("masked inputs arrived"), r.reason());
        assertEquals(0f, acceptedValue());
        assertEquals(1, new ModelStore(dir, codec).latestVersion());
        // Operators see why on the retained outcome topic, as the monitor prints it.
        io.fedmq.protocol.RoundOutcome outcome = codec.decode(bus.retained().get(new io.fedmq.protocol.Topics(FLEET).outcome()),
                io.fedmq.protocol.RoundOutcome.class);
        assertFalse(outcome.accepted());
        assertEquals(0, outcome.candidate());
        assertEquals(1, outcome.acceptedVersion());
        assertTrue(outcome.reason().contains("masked inputs arrived"), outcome.reason());
        assertEquals(3, outcome.dropped());
        assertTrue(new MessageFormatter(codec).format("t", codec.encode(outcome)).contains("FAILED (1 masked inputs arrived"),
                new MessageFormatter(codec).format("t", codec.encode(outcome)));
    }
}
