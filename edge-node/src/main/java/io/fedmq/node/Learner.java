package io.fedmq.node;

import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.TrainingPlan;

/**
 * The node's machine learning, behind one small port: train a model on the local training data, evaluate one
 * on the local held-out data. The data never leaves the implementation; only these outcomes do.
 */
public interface Learner {

    /** Trains {@code model} locally and returns the parameter change. */
    TrainOutcome train(GlobalModel model, TrainingPlan plan) throws Exception;

    /** Tests {@code model} on the local held-out data. */
    EvalOutcome evaluate(GlobalModel model) throws Exception;

    /**
     * @param delta       trained parameters minus the model's
     * @param numExamples training examples seen per epoch: the FedAvg weight
     * @param loss        mean training loss of the last epoch
     */
    record TrainOutcome(float[] delta, long numExamples, double loss) {}

    /**
     * @param numExamples held-out examples
     * @param loss        their mean loss
     * @param accuracy    fraction classified correctly
     */
    record EvalOutcome(long numExamples, double loss, double accuracy) {}
}
