package io.fedmq.protocol.aggregation;

/**
 * FedProx (Li et al. 2020, "Federated Optimization in Heterogeneous Networks"). The server aggregates exactly like
 * {@link FedAvg}; the difference is on the nodes, which add {@code mu/2 * ||w - w_global||^2} to their local loss so
 * that a node with skewed data cannot drift far from the global model in one round. The orchestrator passes
 * {@link #proximalMu()} to the nodes in the training plan.
 */
public final class FedProx implements Strategy {
    private static final FedAvg AVERAGE = new FedAvg();

    private final double mu;

    /** @param mu the proximal term's weight, > 0 (use {@link FedAvg} for none) */
    public FedProx(double mu) {
        if (!(mu > 0) || !Double.isFinite(mu)) throw new IllegalArgumentException("FedProx needs mu > 0 and finite, got " + mu);
        this.mu = mu;
    }

    @Override
    public String name() { return "fedprox"; }

    @Override
    public Step apply(float[] global, float[] meanDelta, ServerState state) {
        return AVERAGE.apply(global, meanDelta, state);
    }

    @Override
    public double proximalMu() { return mu; }

    @Override
    public String toString() { return "fedprox(mu=" + mu + ")"; }
}
