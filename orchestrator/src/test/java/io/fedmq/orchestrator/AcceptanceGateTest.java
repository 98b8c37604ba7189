package io.fedmq.orchestrator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.orchestrator.AcceptanceGate.Verdict;
import org.junit.jupiter.api.Test;

/** The gate's rules one at a time; values are exact in binary so the boundaries are really tested. */
class AcceptanceGateTest {

    private static void accepted(Verdict v) { assertTrue(v.accepted(), v.reason()); }

    private static void rejected(Verdict v, String why) {
        assertFalse(v.accepted(), v.reason());
        assertTrue(v.reason().contains(why), "reason '" + v.reason() + "' does not say '" + why + "'");
    }

    @Test
    void theBarIsInclusive() {
        AcceptanceGate gate = new AcceptanceGate(0.5, 1, 1);
        accepted(gate.judge(0.5, Double.NaN, 1));
        rejected(gate.judge(0.4999, Double.NaN, 1), "below the bar");
    }

    @Test
    void mayRegressUpToTheToleranceBelowTheAcceptedModelAndNoFurther() {
        AcceptanceGate gate = new AcceptanceGate(0, 0.25, 1);
        accepted(gate.judge(0.5, 0.75, 1));    // exactly the tolerance
        rejected(gate.judge(0.4999, 0.75, 1), "regresses past");
        accepted(gate.judge(0.9, 0.75, 1));    // improving is always fine
    }

    @Test
    void aZeroToleranceRefusesAnyRegression() {
        AcceptanceGate gate = new AcceptanceGate(0, 0, 1);
        accepted(gate.judge(0.75, 0.75, 1));
        rejected(gate.judge(0.7499, 0.75, 1), "regresses past");
    }

    @Test
    void anUnevaluatedAcceptedModelHasNothingToRegressFrom() {
        // The initial model was never evaluated (NaN): only the bar and the report count apply.
        accepted(new AcceptanceGate(0, 0, 1).judge(0.01, Double.NaN, 1));
    }

    @Test
    void tooFewReportsRejectEvenAPerfectCandidate() {
        AcceptanceGate gate = new AcceptanceGate(0, 0, 3);
        rejected(gate.judge(1.0, 0.5, 2), "2 evaluation reports, need 3");
        accepted(gate.judge(1.0, 0.5, 3));
    }

    @Test
    void theReportCountIsCheckedFirstSoTheReasonNamesTheRealProblem() {
        // Two reports out of a fleet say little about accuracy: the verdict should blame the count.
        rejected(new AcceptanceGate(0.9, 0, 3).judge(0.1, 0.8, 2), "evaluation reports");
    }

    @Test
    void refusesSettingsOutsideTheirRange() {
        assertThrows(IllegalArgumentException.class, () -> new AcceptanceGate(1.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new AcceptanceGate(0, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new AcceptanceGate(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AcceptanceGate(Double.NaN, 0, 1));
    }
}
