package io.fedmq.learning;

/**
 * What one call of {@link TaskModel#fit} did.
 *
 * @param meanLoss    mean training loss over the last epoch's minibatches, weighted by their size
 * @param numExamples training examples per epoch: the node's FedAvg weight
 */
public record FitResult(double meanLoss, int numExamples) {}
