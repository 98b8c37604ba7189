package io.fedmq.protocol;

/**
 * What a node is asked to do with the global model in one round.
 *
 * @param localEpochs  passes over the node's own training data
 * @param batchSize    minibatch size
 * @param learningRate the node optimizer's step size
 * @param proximalMu   FedProx's mu (Li et al. 2020): the weight of the term {@code mu/2 * ||w - w_global||^2} that keeps
 *                     the local model near the global one on skewed data; 0 turns it off
 */
public record TrainingPlan(int localEpochs, int batchSize, double learningRate, double proximalMu) {
    public TrainingPlan {
        if (localEpochs < 1 || localEpochs > 1000) throw new IllegalArgumentException("localEpochs must be in [1, 1000], got " + localEpochs);
        if (batchSize < 1 || batchSize > 1 << 16) throw new IllegalArgumentException("batchSize must be in [1, 65536], got " + batchSize);
        if (!(learningRate > 0 && learningRate < 10)) throw new IllegalArgumentException("learningRate must be in (0, 10), got " + learningRate);
        if (!(proximalMu >= 0) || !Double.isFinite(proximalMu)) throw new IllegalArgumentException("proximalMu must be >= 0 and finite, got " + proximalMu);
        // The node pulls its weights a fraction learningRate * mu of the way back to the global model after each
        // minibatch: past 1 that pull overshoots the global model instead of approaching it.
        if (learningRate * proximalMu > 1) {
            throw new IllegalArgumentException("learningRate * proximalMu must be <= 1, got " + learningRate + " * " + proximalMu);
        }
    }

    /** A plan without a proximal term (plain local training, as for FedAvg). */
    public TrainingPlan(int localEpochs, int batchSize, double learningRate) {
        this(localEpochs, batchSize, learningRate, 0);
    }

    /** This plan with {@code proximalMu} replaced. */
    public TrainingPlan withProximalMu(double proximalMu) {
        return new TrainingPlan(localEpochs, batchSize, learningRate, proximalMu);
    }
}
