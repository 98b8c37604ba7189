package io.fedmq.protocol.aggregation;

/**
 * Turns the global model and the example-weighted mean of the nodes' updates into the candidate model.
 * Pure policy: no I/O, no clock. The orchestrator only ever hands it the mean, never one node's update, which
 * keeps every strategy compatible with secure aggregation.
 *
 * <p>Server-side optimizers (FedAdam, FedYogi) remember moments between rounds. That memory is an explicit
 * {@link ServerState} passed in and returned, never a field: the orchestrator stores the state that produced
 * each version next to it, so a restart or a rollback resumes the optimizer exactly where that version left it.
 */
public interface Strategy {
    /** A short name for logs and the model trail. */
    String name();

    /**
     * One server step.
     *
     * @param global    the accepted model's parameters
     * @param meanDelta the example-weighted mean delta, of the global model's length
     * @param state     the state stored with the accepted model; {@link ServerState#EMPTY} at the start
     */
    Step apply(float[] global, float[] meanDelta, ServerState state);

    /** The candidate parameters and the optimizer state to store with them. */
    record Step(float[] parameters, ServerState state) {}

    /** The local training term nodes add for this strategy (FedProx's mu), 0 for none. */
    default double proximalMu() { return 0; }

    static void requireSameLength(float[] global, float[] meanDelta) {
        if (global.length != meanDelta.length) {
            throw new IllegalArgumentException("delta has " + meanDelta.length + " values, model has " + global.length);
        }
    }
}
