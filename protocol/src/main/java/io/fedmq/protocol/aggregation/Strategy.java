package io.fedmq.protocol.aggregation;

/**
 * Turns the global model and the example-weighted mean of the nodes' updates into the candidate model.
 * Pure policy: no I/O, no clock. The orchestrator only ever hands it the mean, never one node's update.
 */
public interface Strategy {
    /** A short name for logs and the model trail. */
    String name();

    /** The candidate parameters; {@code meanDelta} has the global model's length. */
    float[] apply(float[] global, float[] meanDelta);
}
