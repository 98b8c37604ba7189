package io.fedmq.protocol.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class FedAvgTest {
    @Test
    void weightsEachNodeByItsExampleCount() {
        WeightedSum sum = new WeightedSum(2);
        sum.add(FloatBuffer.wrap(new float[] {1, 0}), 30);  // node with 30 examples
        sum.add(FloatBuffer.wrap(new float[] {0, 1}), 10);  // node with 10 examples
        assertEquals(40, sum.totalWeight());
        assertArrayEquals(new float[] {0.75f, 0.25f}, sum.mean(), 1e-7f);
        assertArrayEquals(new float[] {1.75f, -0.75f}, new FedAvg().apply(new float[] {1, -1}, sum.mean(), ServerState.EMPTY).parameters(), 1e-6f);
    }

    @Test
    void meanOfTrainedModelsEqualsGlobalPlusMeanDelta() {
        float[] global = {0.5f, -2f, 3f};
        float[][] trained = {{1f, -1f, 2f}, {0f, -3f, 5f}, {2f, 0f, 1f}};
        long[] n = {5, 1, 4};
        WeightedSum sum = new WeightedSum(3);
        double[] direct = new double[3];
        for (int k = 0; k < 3; k++) {
            float[] delta = new float[3];
            for (int i = 0; i < 3; i++) {
                delta[i] = trained[k][i] - global[i];
                direct[i] += n[k] * trained[k][i] / 10.0;
            }
            sum.add(FloatBuffer.wrap(delta), n[k]);
        }
        float[] candidate = new FedAvg().apply(global, sum.mean(), ServerState.EMPTY).parameters();
        for (int i = 0; i < 3; i++) assertEquals(direct[i], candidate[i], 1e-5);
    }

    @Test
    void refusesAnUpdateOfTheWrongSizeAndANonPositiveWeight() {
        WeightedSum sum = new WeightedSum(3);
        assertThrows(IllegalArgumentException.class, () -> sum.add(FloatBuffer.wrap(new float[2]), 1));
        assertThrows(IllegalArgumentException.class, () -> sum.add(FloatBuffer.wrap(new float[3]), 0));
        assertThrows(IllegalStateException.class, sum::mean);
        assertEquals(0, sum.count());
    }
}
