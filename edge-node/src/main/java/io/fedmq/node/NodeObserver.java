package io.fedmq.node;

import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.NodeStatus;

/** Hears what a node does: status LEDs, the demo and tests. Called on the node's threads; keep it short. */
public interface NodeObserver {
    default void onState(NodeStatus.State state) {}

    default void onTrained(long round, Learner.TrainOutcome outcome) {}

    default void onEvaluated(long round, Learner.EvalOutcome outcome) {}

    default void onAccepted(AcceptedModel model) {}

    NodeObserver NONE = new NodeObserver() {};
}
