package io.fedmq.orchestrator;

import java.time.Duration;

/**
 * What one round did, for the demo's line per round and for operators.
 *
 * @param round          the round
 * @param selected       nodes asked to train
 * @param answered       nodes whose update was aggregated
 * @param meanTrainLoss  example-weighted mean of their last-epoch training loss, NaN when none answered
 * @param reports        nodes that evaluated the candidate
 * @param testAccuracy   the candidate's example-weighted accuracy on the nodes' held-out data, NaN if none
 * @param testLoss       the same for loss
 * @param candidate      the candidate version, 0 when the round produced none
 * @param accepted       whether the candidate became the accepted model
 * @param reason         why (or why the round failed)
 * @param bytesSent      payload bytes the orchestrator published during the round
 * @param bytesReceived  payload bytes it received
 * @param wallTime       how long the round took
 * @param secAgg         what secure aggregation did, or null for plain updates
 */
public record RoundReport(long round, int selected, int answered, double meanTrainLoss, int reports, double testAccuracy,
                          double testLoss, long candidate, boolean accepted, String reason, long bytesSent,
                          long bytesReceived, Duration wallTime, SecAggSummary secAgg) {}
