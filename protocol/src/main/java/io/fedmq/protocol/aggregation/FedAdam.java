package io.fedmq.protocol.aggregation;

/**
 * FedAdam (Reddi et al. 2021): Adam on the server, with the nodes' mean delta as the gradient. The second moment
 * is the usual exponential average, {@code v = beta2 * v + (1 - beta2) * d^2}, so it forgets a large past delta
 * geometrically fast. See {@link AdaptiveServerOptimizer} for the shared step.
 */
public final class FedAdam extends AdaptiveServerOptimizer {
    /** The paper's beta1 0.9, beta2 0.99, tau 1e-3 with the given server learning rate. */
    public FedAdam(double serverLr) {
        this(serverLr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_TAU);
    }

    public FedAdam(double serverLr, double beta1, double beta2, double tau) {
        super(serverLr, beta1, beta2, tau);
    }

    @Override
    public String name() { return "fedadam"; }

    @Override
    double secondMoment(double v, double squaredDelta, double beta2) {
        return beta2 * v + (1 - beta2) * squaredDelta;
    }
}
