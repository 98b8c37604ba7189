package io.fedmq.protocol.aggregation;

/**
 * Federated Averaging (McMahan et al. 2017): the candidate is the global model plus the example-weighted
 * mean of the nodes' deltas, which equals the weighted mean of their trained models. Stateless.
 */
public final class FedAvg implements Strategy {
    @Override
    public String name() { return "fedavg"; }

    @Override
    public Step apply(float[] global, float[] meanDelta, ServerState state) {
        Strategy.requireSameLength(global, meanDelta);
        float[] out = new float[global.length];
        for (int i = 0; i < out.length; i++) out[i] = global[i] + meanDelta[i];
        return new Step(out, ServerState.EMPTY);
    }
}
