package io.fedmq.orchestrator;

/**
 * What secure aggregation did in one round, for the demo line and the monitor.
 *
 * @param selected         nodes asked to take part (n)
 * @param threshold        Shamir threshold (t)
 * @param degree           neighbours per node (k); n-1 is the complete graph
 * @param dropped          nodes that shared keys but sent no masked input
 * @param recovered        of those, nodes whose pairwise masks were removed from their neighbours' shares
 * @param summed           nodes whose masked input is in the sum
 * @param maskedBytesPerParameter wire bytes of one masked input per model parameter (float32 is 4)
 */
public record SecAggSummary(int selected, int threshold, int degree, int dropped, int recovered, int summed,
                            double maskedBytesPerParameter) {}
