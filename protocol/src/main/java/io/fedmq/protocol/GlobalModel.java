package io.fedmq.protocol;

/**
 * A model version, retained on {@link Topics#model(long)}.
 *
 * @param version       this version, increasing from 1
 * @param parentVersion the version it was trained from, 0 for an initial model
 * @param round         the round that produced it, 0 for an initial model
 * @param spec          the network the parameters belong to
 * @param parameters    all parameters, flattened in the network's own order
 */
public record GlobalModel(long version, long parentVersion, long round, ModelSpec spec, Tensor parameters) implements Message {
    public GlobalModel {
        Checks.positive(version, "version");
        Checks.nonNegative(parentVersion, "parentVersion");
        Checks.nonNegative(round, "round");
        Checks.notNull(spec, "spec");
        Checks.notNull(parameters, "parameters");
        if (!parameters.isFinite()) throw new IllegalArgumentException("model parameters must be finite");
    }

    /** SHA-256 of the parameters: what rounds and pointers name the model by. */
    public String hash() { return parameters.sha256(); }
}
