package io.fedmq.protocol;

/**
 * What a node is asked to do with the global model in one round.
 *
 * @param localEpochs  passes over the node's own training data
 * @param batchSize    minibatch size
 * @param learningRate the node optimizer's step size
 */
public record TrainingPlan(int localEpochs, int batchSize, double learningRate) {
    public TrainingPlan {
        if (localEpochs < 1 || localEpochs > 1000) throw new IllegalArgumentException("localEpochs must be in [1, 1000], got " + localEpochs);
        if (batchSize < 1 || batchSize > 1 << 16) throw new IllegalArgumentException("batchSize must be in [1, 65536], got " + batchSize);
        if (!(learningRate > 0 && learningRate < 10)) throw new IllegalArgumentException("learningRate must be in (0, 10), got " + learningRate);
    }
}
