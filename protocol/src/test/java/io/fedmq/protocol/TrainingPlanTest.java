package io.fedmq.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingPlanTest {
    @Test
    void theThreeArgumentPlanHasNoProximalTerm() {
        assertEquals(new TrainingPlan(2, 64, 0.01, 0), new TrainingPlan(2, 64, 0.01));
        assertEquals(new TrainingPlan(2, 64, 0.01, 0.1), new TrainingPlan(2, 64, 0.01).withProximalMu(0.1));
    }

    @Test
    void refusesANegativeOrNonFiniteMu() {
        for (double mu : new double[] {-0.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingPlan(2, 64, 0.01, mu));
            assertTrue(e.getMessage().contains("proximalMu"), e.getMessage());
        }
    }

    @Test
    void refusesAProximalPullThatWouldOvershootTheGlobalModel() {
        new TrainingPlan(1, 8, 0.01, 100); // lr * mu = 1: snaps back to the global model, still allowed
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingPlan(1, 8, 0.01, 101));
        assertTrue(e.getMessage().contains("learningRate * proximalMu"), e.getMessage());
    }
}
