package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantizerTest {
    @Test
    void decodedMeanIsWithinTheProvenBoundOfTheExactWeightedMean() {
        SplittableRandom rnd = new SplittableRandom(77);
        double worstRatio = 0;
        for (int trial = 0; trial < 300; trial++) {
            int maxSummands = 1 + rnd.nextInt(trial % 3 == 0 ? 2000 : 60);
            int targetBits = trial % 4 == 0 ? 24 : 16 + rnd.nextInt(47); // 16..62
            int headroom = 64 - Long.numberOfLeadingZeros(maxSummands);
            if (targetBits - headroom < 8) continue;
            double clip = Math.scalb(1.0, rnd.nextInt(-8, 4)) * (1 + rnd.nextDouble());
            long maxWeight = 1 + rnd.nextLong(Math.min(1L << (targetBits - headroom), 1 << 20) - 1);
            Quantizer q = Quantizer.forNodes(maxSummands, clip, maxWeight, targetBits);
            int d = 1 + rnd.nextInt(300);
            int m = 1 + rnd.nextInt(Math.min(maxSummands, 40));
            long[] sum = new long[d + 1];
            double[] weighted = new double[d];
            long totalWeight = 0;
            for (int j = 0; j < m; j++) {
                long examples = 1 + rnd.nextLong(2 * maxWeight);
                float[] delta = new float[d];
                for (int i = 0; i < d; i++) delta[i] = (float) (rnd.nextGaussian() * clip * (rnd.nextBoolean() ? 0.3 : 2));
                long[] enc = q.encode(delta, examples, rnd);
                long w = Math.min(examples, maxWeight);
                assertEquals(w, enc[d], "the weight travels as the last value");
                totalWeight += w;
                for (int i = 0; i <= d; i++) {
                    assertTrue(enc[i] >= 0 && enc[i] <= q.levels());
                    sum[i] += enc[i];
                }
                for (int i = 0; i < d; i++) weighted[i] += w * Math.max(-clip, Math.min(clip, (double) delta[i]));
            }
            assertTrue(sum[d] < 1L << q.modulusBits());
            float[] mean = q.decodeMean(sum, m);
            double bound = q.errorBound(m, totalWeight);
            for (int i = 0; i < d; i++) {
                double err = Math.abs(mean[i] - weighted[i] / totalWeight);
                assertTrue(err <= bound, "trial " + trial + " value " + i + ": error " + err + " > bound " + bound + " for " + q);
                worstRatio = Math.max(worstRatio, err / bound);
            }
        }
        System.out.printf("Quantizer: worst observed error / proven bound = %.3f%n", worstRatio);
    }

    @Test
    void stochasticRoundingIsUnbiased() {
        Quantizer q = new Quantizer(8, 16, 1.0, 1);
        float x = (float) (100.3 * 2 / 255 - 1); // grid value 100.3 (up to float rounding)
        double exact = ((double) x + 1) / 2 * 255;
        SplittableRandom rnd = new SplittableRandom(5);
        int trials = 40_000;
        long total = 0;
        for (int i = 0; i < trials; i++) {
            long v = q.encode(new float[] {x}, 1, rnd)[0];
            assertTrue(v == 100 || v == 101);
            total += v;
        }
        double sigma = Math.sqrt(0.3 * 0.7 / trials);
        assertEquals(exact, (double) total / trials, 5 * sigma, "mean of stochastic roundings converges to the value");
    }

    @Test
    void clipsToTheRangeAndRefusesNonFiniteDeltas() {
        Quantizer q = new Quantizer(8, 16, 0.5, 10);
        long[] enc = q.encode(new float[] {1e6f, -1e6f, 0.5f, -0.5f}, 10, new SplittableRandom(1));
        assertEquals(255, enc[0]);
        assertEquals(0, enc[1]);
        assertEquals(255, enc[2]);
        assertEquals(0, enc[3]);
        assertEquals(10, enc[4]);
        assertThrows(IllegalArgumentException.class, () -> q.encode(new float[] {Float.NaN}, 1, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> q.encode(new float[] {Float.POSITIVE_INFINITY}, 1, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> q.encode(new float[] {0}, 0, new SplittableRandom(1)));
    }

    @Test
    void capsTheWeightAndScalesTheDeltaByIt() {
        Quantizer q = new Quantizer(8, 16, 1.0, 4);
        long[] heavy = q.encode(new float[] {1f}, 1000, new SplittableRandom(1));
        assertEquals(4, heavy[1], "weight capped at maxWeight");
        assertEquals(255, heavy[0]);
        long[] light = q.encode(new float[] {1f}, 2, new SplittableRandom(1)); // (2/4 * 1 + 1) / 2 * 255 = 191.25
        assertTrue(light[0] == 191 || light[0] == 192);
        float[] mean = q.decodeMean(new long[] {heavy[0] + light[0], 6}, 2);
        assertEquals(1.0, mean[0], q.errorBound(2, 6));
    }

    @Test
    void theSumOfTheMostNodesAtTheLargestValuesNeverWraps() {
        for (int maxSummands : new int[] {1, 2, 3, 100, 127, 128, 1000, 65535}) {
            Quantizer q = Quantizer.forNodes(maxSummands, 1.0, 1, 24);
            assertEquals(24, q.modulusBits());
            assertTrue(q.maxSummands() >= maxSummands);
            long top = q.encode(new float[] {1f}, 1, new SplittableRandom(1))[0];
            assertEquals(q.levels(), top);
            assertTrue(Math.multiplyExact(q.maxSummands(), top) < 1L << 24, "capacity x max value < 2^b");
            assertTrue(Math.multiplyExact((long) maxSummands, top) < 1L << 24);
        }
        assertEquals(17, Quantizer.forNodes(100, 1.0, 1, 24).quantBits(), "7 bits of headroom for 100 nodes");
        assertEquals(16, Quantizer.forNodes(128, 1.0, 1, 24).quantBits(), "128 needs 8 bits: 128 x (2^16 - 1) < 2^24");
    }

    @Test
    void refusesTooLittlePrecisionAndInconsistentSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantizer.forNodes(100_000, 1.0, 1, 24));
        assertTrue(e.getMessage().contains("only 7 bits of precision"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(8, 63, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(16, 16, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(8, 16, 1.0, 256));
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(8, 16, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(8, 16, Double.NaN, 1));
        Quantizer q = new Quantizer(8, 16, 1.0, 10);
        assertThrows(IllegalArgumentException.class, () -> q.decodeMean(new long[] {300, 10}, 1), "above m x (2^q - 1): not a real sum");
        assertThrows(IllegalArgumentException.class, () -> q.decodeMean(new long[] {100, 11}, 1), "weight above m x maxWeight");
    }
}
