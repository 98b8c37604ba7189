package io.fedmq.protocol;

/**
 * The pointer to the version the fleet should run, retained on {@link Topics#acceptedModel()}.
 *
 * @param version   the accepted version
 * @param hash      SHA-256 of its parameters
 * @param round     the round that accepted it, 0 for the initial model
 * @param accuracy  its example-weighted federated test accuracy, NaN before it was ever evaluated
 * @param epoch     how many times the fleet's pointer has moved (an accepted round or a rollback), counted by the
 *                  orchestrator's model trail: it only grows, so a node refuses an older pointer, signed or not,
 *                  that a broker replays to turn the fleet back to a model it has left
 */
public record AcceptedModel(long version, String hash, long round, double accuracy, long epoch) implements Message {
    public AcceptedModel {
        Checks.positive(version, "version");
        Checks.hash(hash, "hash");
        Checks.nonNegative(round, "round");
        if (!Double.isNaN(accuracy)) Checks.unit(accuracy, "accuracy");
        Checks.nonNegative(epoch, "epoch");
    }

    /** A pointer of epoch 0: for tests and tools that do not move the fleet's pointer. */
    public AcceptedModel(long version, String hash, long round, double accuracy) {
        this(version, hash, round, accuracy, 0);
    }
}
