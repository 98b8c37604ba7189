package io.fedmq.orchestrator;

/**
 * Decides whether a candidate model replaces the accepted one, from the nodes' own held-out evaluations.
 *
 * @param minAccuracy   the example-weighted accuracy the candidate must reach
 * @param maxRegression how far below the accepted model's accuracy the candidate may fall
 * @param minReports    how many nodes must have reported
 */
public record AcceptanceGate(double minAccuracy, double maxRegression, int minReports) {
    public AcceptanceGate {
        if (!(minAccuracy >= 0 && minAccuracy <= 1)) throw new IllegalArgumentException("minAccuracy must be in [0, 1]");
        if (!(maxRegression >= 0 && maxRegression <= 1)) throw new IllegalArgumentException("maxRegression must be in [0, 1]");
        if (minReports < 1) throw new IllegalArgumentException("minReports must be >= 1");
    }

    /** The verdict, with the reason in words for the log and the model record. */
    public Verdict judge(double candidateAccuracy, double acceptedAccuracy, int reports) {
        if (reports < minReports) return Verdict.reject(reports + " evaluation reports, need " + minReports);
        if (candidateAccuracy < minAccuracy) {
            return Verdict.reject(String.format("accuracy %.4f below the bar %.4f", candidateAccuracy, minAccuracy));
        }
        if (!Double.isNaN(acceptedAccuracy) && candidateAccuracy < acceptedAccuracy - maxRegression) {
            return Verdict.reject(String.format("accuracy %.4f regresses past %.4f - %.4f", candidateAccuracy, acceptedAccuracy, maxRegression));
        }
        return new Verdict(true, String.format("accuracy %.4f from %d reports", candidateAccuracy, reports));
    }

    /** Accepted or not, and why. */
    public record Verdict(boolean accepted, String reason) {
        static Verdict reject(String reason) { return new Verdict(false, reason); }
    }
}
