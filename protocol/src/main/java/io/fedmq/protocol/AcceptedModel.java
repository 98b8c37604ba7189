package io.fedmq.protocol;

/**
 * The pointer to the version the fleet should run, retained on {@link Topics#acceptedModel()}.
 *
 * @param version   the accepted version
 * @param hash      SHA-256 of its parameters
 * @param round     the round that accepted it, 0 for the initial model
 * @param accuracy  its example-weighted federated test accuracy, NaN before it was ever evaluated
 */
public record AcceptedModel(long version, String hash, long round, double accuracy) implements Message {
    public AcceptedModel {
        Checks.positive(version, "version");
        Checks.hash(hash, "hash");
        Checks.nonNegative(round, "round");
        if (!Double.isNaN(accuracy)) Checks.unit(accuracy, "accuracy");
    }
}
