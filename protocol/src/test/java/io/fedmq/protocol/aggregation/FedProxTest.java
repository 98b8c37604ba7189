package io.fedmq.protocol.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FedProxTest {
    @Test
    void aggregatesExactlyLikeFedAvgAndAsksTheNodesForItsMu() {
        float[] global = {1f, -1f, 0.5f}, delta = {0.25f, 0.5f, -2f};
        Strategy prox = new FedProx(0.1);
        Strategy.Step step = prox.apply(global, delta, ServerState.EMPTY);
        assertArrayEquals(new FedAvg().apply(global, delta, ServerState.EMPTY).parameters(), step.parameters());
        assertArrayEquals(new float[] {1.25f, -0.5f, -1.5f}, step.parameters());
        assertEquals(ServerState.EMPTY, step.state());
        assertEquals(0.1, prox.proximalMu());
        assertEquals(0, new FedAvg().proximalMu());
    }

    @Test
    void refusesAMuThatIsNotPositiveAndFinite() {
        for (double mu : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new FedProx(mu), "mu " + mu);
        }
    }

    @Test
    void refusesAMeanDeltaOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new FedProx(0.01).apply(new float[3], new float[2], ServerState.EMPTY));
    }
}
