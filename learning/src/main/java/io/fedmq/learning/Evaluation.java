package io.fedmq.learning;

import java.util.List;

/**
 * A model's test on held-out examples.
 *
 * @param numExamples how many examples were tested: the weight of these metrics when averaging over nodes
 * @param meanLoss    mean cross-entropy
 * @param accuracy    fraction classified correctly
 */
public record Evaluation(int numExamples, double meanLoss, double accuracy) {
    /** The example-weighted mean of several evaluations: the federated metric. */
    public static Evaluation weightedMean(List<Evaluation> parts) {
        long n = 0;
        double loss = 0, correct = 0;
        for (Evaluation e : parts) {
            n += e.numExamples;
            loss += e.meanLoss * e.numExamples;
            correct += e.accuracy * e.numExamples;
        }
        if (n == 0) return new Evaluation(0, Double.NaN, Double.NaN);
        return new Evaluation(Math.toIntExact(n), loss / n, correct / n);
    }
}
