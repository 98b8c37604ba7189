package io.fedmq.protocol.secagg;

import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** A simulated fleet's plain inputs for secure-aggregation tests: random deltas and example counts, encoded. */
final class Fleet {
    final Quantizer quantizer;
    final SortedMap<String, float[]> deltas = new TreeMap<>();
    final SortedMap<String, Long> examples = new TreeMap<>();
    final SortedMap<String, long[]> encoded = new TreeMap<>();

    Fleet(int n, int d, SplittableRandom rnd) {
        quantizer = Quantizer.forNodes(Math.max(n, 2), 0.1, 1000, Quantizer.DEFAULT_TARGET_BITS);
        for (int i = 0; i < n; i++) {
            String id = String.format("node-%02d", i);
            float[] delta = new float[d];
            for (int j = 0; j < d; j++) delta[j] = (float) (rnd.nextGaussian() * 0.03);
            long count = 1 + rnd.nextLong(1500);
            deltas.put(id, delta);
            examples.put(id, count);
            encoded.put(id, quantizer.encode(delta, count, rnd));
        }
    }

    /** The plain sum of the encoded vectors of {@code ids}: what unmasking must give exactly. */
    long[] plainSum(Iterable<String> ids) {
        long[] sum = null;
        for (String id : ids) {
            long[] e = encoded.get(id);
            if (sum == null) sum = new long[e.length];
            for (int i = 0; i < e.length; i++) sum[i] += e[i];
        }
        return sum;
    }

    /** The exact example-weighted mean of the clipped deltas of {@code ids}, with weights capped as encoded. */
    double[] exactMean(Iterable<String> ids) {
        double[] sum = null;
        long total = 0;
        double c = quantizer.clip();
        for (String id : ids) {
            float[] delta = deltas.get(id);
            long w = Math.min(examples.get(id), quantizer.maxWeight());
            if (sum == null) sum = new double[delta.length];
            for (int i = 0; i < delta.length; i++) sum[i] += w * Math.max(-c, Math.min(c, (double) delta[i]));
            total += w;
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= total;
        return sum;
    }
}
