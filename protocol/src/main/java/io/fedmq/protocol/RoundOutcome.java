package io.fedmq.protocol;

/**
 * How a round ended, retained on {@link Topics#outcome()} for operators and monitors: the verdict, why, and
 * what secure aggregation did. Aggregate facts only.
 *
 * @param round           the round
 * @param accepted        whether its candidate became the accepted model
 * @param candidate       the candidate version, 0 when the round produced none (it failed or aborted)
 * @param acceptedVersion the version the fleet runs after the round
 * @param reason          the verdict or the failure, in words
 * @param testAccuracy    the candidate's example-weighted held-out accuracy, NaN when not evaluated
 * @param contributors    nodes whose update is in the aggregate
 * @param secure          whether the round used secure aggregation; the fields below are 0 when not
 * @param selected        n
 * @param threshold       t
 * @param degree          k
 * @param dropped         nodes that shared keys but sent no masked input
 * @param recovered       of those, nodes whose masks were removed from their neighbours' shares
 * @param maskedBytesPerParameter wire bytes of one masked input per model parameter
 */
public record RoundOutcome(long round, boolean accepted, long candidate, long acceptedVersion, String reason, double testAccuracy,
                           int contributors, boolean secure, int selected, int threshold, int degree, int dropped, int recovered,
                           double maskedBytesPerParameter) implements Message {
    /** Reasons are cut here, well inside the codec's string limit. */
    public static final int MAX_REASON = 400;

    public RoundOutcome {
        Checks.positive(round, "round");
        Checks.nonNegative(candidate, "candidate");
        Checks.positive(acceptedVersion, "acceptedVersion");
        Checks.notNull(reason, "reason");
        if (reason.length() > MAX_REASON) {
            // Never between the two halves of a surrogate pair: half a character would travel as '?'.
            reason = reason.substring(0, Character.isHighSurrogate(reason.charAt(MAX_REASON - 1)) ? MAX_REASON - 1 : MAX_REASON);
        }
        if (!Double.isNaN(testAccuracy)) Checks.unit(testAccuracy, "testAccuracy");
        for (int v : new int[] {contributors, selected, threshold, degree, dropped, recovered}) Checks.nonNegative(v, "count");
        if (!(maskedBytesPerParameter >= 0) || !Double.isFinite(maskedBytesPerParameter)) {
            throw new IllegalArgumentException("maskedBytesPerParameter must be finite and >= 0");
        }
    }
}
