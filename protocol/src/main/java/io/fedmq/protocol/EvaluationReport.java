package io.fedmq.protocol;

/**
 * A node's test of a model on its own held-out data: aggregate metrics only, never examples.
 *
 * @param round        the round it answers
 * @param nodeId       the sender; must match the topic it arrived on
 * @param modelVersion the model it tested
 * @param numExamples  the size of its held-out set: the weight of its metrics
 * @param loss         mean loss over those examples
 * @param accuracy     fraction classified correctly
 */
public record EvaluationReport(long round, String nodeId, long modelVersion, long numExamples, double loss, double accuracy) implements NodeMessage {
    public EvaluationReport {
        Checks.positive(round, "round");
        Topics.requireName(nodeId, "nodeId");
        Checks.positive(modelVersion, "modelVersion");
        Checks.positive(numExamples, "numExamples");
        Checks.finite(loss, "loss");
        Checks.unit(accuracy, "accuracy");
    }
}
