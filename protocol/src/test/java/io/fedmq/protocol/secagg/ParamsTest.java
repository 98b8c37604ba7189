package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.secagg.NeighbourGraph.Params;
import org.junit.jupiter.api.Test;

class ParamsTest {
    @Test
    void choosesTheseDegreesAndThresholdsForTypicalFleets() {
        // {n, dropout in %, k, t}
        int[][] expected = {
            {10, 0, 8, 5}, {10, 10, 9, 5}, {10, 30, 9, 5},
            {100, 0, 14, 8}, {100, 10, 34, 18}, {100, 30, 99, 50},
            {1000, 0, 20, 11}, {1000, 10, 38, 20}, {1000, 30, 212, 107},
        };
        System.out.println("SecAgg+ parameters (n, dropout -> k, t):");
        for (int[] row : expected) {
            Params p = Params.choose(row[0], row[1] / 100.0);
            System.out.printf("  n=%-5d dropout=%.1f -> k=%-4d t=%-4d %s%n", row[0], row[1] / 100.0, p.k(), p.threshold(), p.why());
            assertEquals(row[2], p.k(), p.why());
            assertEquals(row[3], p.threshold(), p.why());
        }
    }

    @Test
    void thresholdIsAlwaysMoreThanHalfTheDegreeAndTheSparseDegreeIsMinimal() {
        for (int n = 2; n <= 400; n += (n < 40 ? 1 : 23)) {
            for (double dropout : new double[] {0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45}) {
                Params p = Params.choose(n, dropout);
                assertEquals(p.k() / 2 + 1, p.threshold());
                assertTrue(2 * p.threshold() > p.k(), "2t > k");
                if (n >= 3) assertTrue(p.threshold() >= 2);
                if (p.k() == n - 1) {
                    assertEquals(linearScan(n, 1 - dropout), n - 1, "complete only when no smaller even k works, n=" + n);
                    continue;
                }
                assertEquals(0, p.k() % 2);
                assertEquals(linearScan(n, 1 - dropout), p.k(), "n=" + n + " dropout=" + dropout);
            }
        }
    }

    @Test
    void refusesTooFewNodesAndImpossibleDropoutRates() {
        assertThrows(IllegalArgumentException.class, () -> Params.choose(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Params.choose(10, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Params.choose(10, -0.01));
        assertThrows(IllegalArgumentException.class, () -> Params.choose(10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Params(4, 5, "t > k"));
    }

    @Test
    void binomialTailMatchesADirectSum() {
        // P[Bin(4, 0.9) < 3] = P[0] + P[1] + P[2] = 0.0001 + 0.0036 + 0.0486
        assertEquals(0.0523, Params.binomialCdfBelow(4, 0.9, 3), 1e-12);
        assertEquals(0, Params.binomialCdfBelow(10, 1.0, 6));
        assertEquals(1, Params.binomialCdfBelow(10, 0.7, 11), 1e-12);
    }

    /** The reference: the first even k from the log floor that meets the bound, or n - 1. */
    private static int linearScan(int n, double p) {
        int floor = Math.max(2, 2 * (32 - Integer.numberOfLeadingZeros(n - 1)));
        for (int k = floor; k < n - 1; k += 2) {
            if (n * Params.binomialCdfBelow(k, p, k / 2 + 1) <= Params.FAILURE_BOUND) return k;
        }
        return n - 1;
    }
}
