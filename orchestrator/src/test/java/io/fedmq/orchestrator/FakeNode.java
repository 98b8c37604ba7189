package io.fedmq.orchestrator;

import io.fedmq.protocol.EvaluationReport;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.testing.InMemoryBus;

/**
 * A scripted node on the in-memory bus: answers each training phase with a fixed delta and each evaluation
 * with a fixed accuracy. Enough to drive the orchestrator without DL4J.
 */
final class FakeNode {
    private final String id;
    private final Topics topics;
    private final WireCodec codec = new WireCodec();
    private final Transport client;
    final float[] delta;
    final long examples;
    volatile double accuracy;
    volatile boolean silentInTraining;
    volatile boolean silentInEvaluation;
    /**
     * A trainer slower than the deadline: round r's update goes out only when round r+1 is announced, while the
     * orchestrator collects that round's updates. Late by construction, not by a sleep.
     */
    volatile boolean slowerThanTheDeadline;
    private ModelUpdate finishedLate; // touched only on this node's bus thread
    /** When set, training answers wait for it: lets a test order other traffic before this node's update. */
    volatile java.util.concurrent.CountDownLatch holdTraining;

    FakeNode(InMemoryBus bus, String fleet, String id, float[] delta, long examples, double accuracy) throws Exception {
        this.id = id;
        this.topics = new Topics(fleet);
        this.delta = delta;
        this.examples = examples;
        this.accuracy = accuracy;
        this.client = bus.connect(id);
        client.subscribe(topics.round(), (t, p, r) -> onRound(codec.decode(p, RoundState.class)));
        client.publish(topics.nodeStatus(id), codec.encode(new NodeStatus(id, NodeStatus.State.IDLE, 0, 1)), true);
    }

    private void onRound(RoundState s) throws Exception {
        if (finishedLate != null && s.round() > finishedLate.round()) {
            client.publish(topics.nodeStage(finishedLate.round(), Stage.UPDATE, id), codec.encode(finishedLate), false);
            finishedLate = null;
        }
        if (!s.selects(id)) return;
        switch (s.phase()) {
            case TRAINING -> {
                if (silentInTraining) return;
                if (holdTraining != null) holdTraining.await();
                ModelUpdate u = new ModelUpdate(s.round(), id, s.modelVersion(), examples, 0.5, Tensor.vector(delta));
                if (slowerThanTheDeadline) {
                    finishedLate = u;
                    return;
                }
                client.publish(topics.nodeStage(s.round(), Stage.UPDATE, id), codec.encode(u), false);
            }
            case EVALUATING -> {
                if (silentInEvaluation) return;
                EvaluationReport e = new EvaluationReport(s.round(), id, s.modelVersion(), 10, 1.0, accuracy);
                client.publish(topics.nodeStage(s.round(), Stage.REPORT, id), codec.encode(e), false);
            }
            case CLOSED -> { }
        }
    }
}
