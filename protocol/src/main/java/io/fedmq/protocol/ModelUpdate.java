package io.fedmq.protocol;

/**
 * One node's plain update: its parameters after local training minus the global model's. Only sent when
 * secure aggregation is explicitly switched off.
 *
 * @param round        the round it answers
 * @param nodeId       the sender; must match the topic it arrived on
 * @param modelVersion the global model it trained from
 * @param numExamples  how many training examples it saw: the FedAvg weight
 * @param trainLoss    its mean training loss in the last local epoch
 * @param delta        the parameter change
 */
public record ModelUpdate(long round, String nodeId, long modelVersion, long numExamples, double trainLoss, Tensor delta) implements NodeMessage {
    public ModelUpdate {
        Checks.positive(round, "round");
        Topics.requireName(nodeId, "nodeId");
        Checks.positive(modelVersion, "modelVersion");
        Checks.positive(numExamples, "numExamples");
        Checks.finite(trainLoss, "trainLoss");
        Checks.notNull(delta, "delta");
        if (!delta.isFinite()) throw new IllegalArgumentException("update from " + nodeId + " holds NaN or infinite values");
    }
}
