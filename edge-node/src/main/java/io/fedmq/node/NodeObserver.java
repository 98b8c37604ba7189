package io.fedmq.node;

import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.NodeStatus;

/** Hears what a node does: status LEDs, the demo and tests. Called on the node's threads; keep it short. */
public interface NodeObserver {
    default void onState(NodeStatus.State state) {}

    default void onTrained(long round, Learner.TrainOutcome outcome) {}

    default void onEvaluated(long round, Learner.EvalOutcome outcome) {}

    default void onAccepted(AcceptedModel model) {}

    /**
     * The accepted model has arrived whole and matches its pointer's hash: what the node serves locally. Once per
     * accepted version (again after a rollback to it); the initial, untrained model counts too ({@code pointer.round()} 0).
     */
    default void onAcceptedModel(AcceptedModel pointer, GlobalModel model) {}

    /** All of {@code observers}, in order: the console, the status LEDs and local inference hear the same node. */
    static NodeObserver all(NodeObserver... observers) {
        java.util.List<NodeObserver> list = java.util.List.of(observers);
        return new NodeObserver() {
            @Override public void onState(NodeStatus.State state) { list.forEach(o -> o.onState(state)); }
            @Override public void onTrained(long round, Learner.TrainOutcome outcome) { list.forEach(o -> o.onTrained(round, outcome)); }
            @Override public void onEvaluated(long round, Learner.EvalOutcome outcome) { list.forEach(o -> o.onEvaluated(round, outcome)); }
            @Override public void onAccepted(AcceptedModel model) { list.forEach(o -> o.onAccepted(model)); }
            @Override public void onAcceptedModel(AcceptedModel pointer, GlobalModel model) { list.forEach(o -> o.onAcceptedModel(pointer, model)); }
        };
    }

    NodeObserver NONE = new NodeObserver() {};
}
