package io.fedmq.protocol;

/**
 * A node's presence and activity, retained on {@link Topics#nodeStatus(String)}; its Last Will says OFFLINE.
 *
 * @param nodeId       the node
 * @param state        what it is doing
 * @param modelVersion the accepted model it runs, 0 when it has none yet
 * @param at           when it said so, epoch milliseconds
 */
public record NodeStatus(String nodeId, State state, long modelVersion, long at) implements Message {
    public NodeStatus {
        Topics.requireName(nodeId, "nodeId");
        Checks.notNull(state, "state");
        Checks.nonNegative(modelVersion, "modelVersion");
        Checks.nonNegative(at, "at");
    }

    /** What a node can be doing; the status LEDs show the same states. */
    public enum State { OFFLINE, IDLE, TRAINING, UPLOADING, EVALUATING, ERROR }
}
