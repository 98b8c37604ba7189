package io.fedmq.orchestrator;

/**
 * What is known about one model version: where it came from, how it scored, and the verdict.
 *
 * @param version       the version
 * @param parent        the version it was trained from, 0 for an initial model
 * @param round         the round that produced it, 0 for an initial model
 * @param hash          SHA-256 of its parameters
 * @param strategy      the aggregation strategy, or {@code initial}
 * @param participants  nodes whose updates went into it
 * @param reports       nodes that evaluated it
 * @param accuracy      example-weighted held-out accuracy, NaN when never evaluated
 * @param loss          example-weighted held-out loss, NaN when never evaluated
 * @param status        where it stands
 * @param reason        the verdict's reason in words
 */
public record ModelRecord(long version, long parent, long round, String hash, String strategy, int participants,
                          int reports, double accuracy, double loss, Status status, String reason) {

    /** Where a version stands. */
    public enum Status { INITIAL, CANDIDATE, ACCEPTED, REJECTED }

    public ModelRecord withVerdict(Status newStatus, String newReason) {
        return new ModelRecord(version, parent, round, hash, strategy, participants, reports, accuracy, loss, newStatus, newReason);
    }
}
