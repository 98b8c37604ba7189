package io.fedmq.orchestrator;

import java.time.Instant;

/**
 * What is known about one model version: where it came from, who made it, how it scored, and the verdict.
 *
 * @param version       the version
 * @param parent        the version it was trained from, 0 for an initial model
 * @param round         the round that produced it, 0 for an initial model
 * @param hash          SHA-256 of its parameters
 * @param strategy      the aggregation strategy, or {@code initial}
 * @param selected      nodes the round selected
 * @param participants  nodes whose updates went into it
 * @param reports       nodes that evaluated it
 * @param accuracy      example-weighted held-out accuracy, NaN when never evaluated
 * @param loss          example-weighted held-out loss, NaN when never evaluated
 * @param status        where it stands
 * @param reason        the verdict's reason in words
 * @param created       when the version was made
 */
public record ModelRecord(long version, long parent, long round, String hash, String strategy, int selected, int participants,
                          int reports, double accuracy, double loss, Status status, String reason, Instant created) {

    /** Where a version stands. Which version the fleet runs is the store's accepted pointer, not a status. */
    public enum Status {
        /** The model the trail started from. */
        INITIAL,
        /** Aggregated, waiting for the nodes' evaluation. */
        CANDIDATE,
        /** Passed the gate and was published as the model to run. */
        ACCEPTED,
        /** Failed the gate; kept with the reason, never published as the model to run. */
        REJECTED,
        /** The orchestrator stopped before its verdict; the round was not finished. */
        ABANDONED
    }

    /** The same record after the nodes' evaluation and the gate's verdict. */
    public ModelRecord judged(int newReports, double newAccuracy, double newLoss, Status newStatus, String newReason) {
        return new ModelRecord(version, parent, round, hash, strategy, selected, participants, newReports, newAccuracy, newLoss,
                newStatus, newReason, created);
    }

    public ModelRecord withVerdict(Status newStatus, String newReason) {
        return judged(reports, accuracy, loss, newStatus, newReason);
    }
}
