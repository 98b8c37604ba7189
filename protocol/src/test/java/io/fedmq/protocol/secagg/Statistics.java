package io.fedmq.protocol.secagg;

import java.util.function.LongToIntFunction;

/** Test statistics for "looks uniform". */
final class Statistics {
    /**
     * The chi-square critical value for 255 degrees of freedom at p = 1e-4 (Wilson-Hilferty: 347.7). Tests use
     * fixed seeds, so this is deterministic; a vector that is not uniform lands in the thousands.
     */
    static final double CHI2_255_P1E4 = 348;

    private Statistics() {}

    /** Pearson's chi-square of {@code values} bucketed into {@code buckets} equally likely cells. */
    static double chiSquare(long[] values, LongToIntFunction bucket, int buckets) {
        long[] counts = new long[buckets];
        for (long v : values) counts[bucket.applyAsInt(v)]++;
        double expected = (double) values.length / buckets;
        double chi2 = 0;
        for (long c : counts) chi2 += (c - expected) * (c - expected) / expected;
        return chi2;
    }
}
