package io.fedmq.orchestrator;

import java.time.Duration;

/**
 * Secure aggregation settings.
 *
 * @param dropoutRate     the fraction of nodes expected to vanish mid-round; sizes the neighbour graph and threshold
 * @param clip            update values are clipped to [-clip, clip] before quantization
 * @param maxWeight       example counts are capped here (it also scales the weighted values)
 * @param targetBits      bits per masked value on the wire; 24 is 0.75x of float32
 * @param keysDeadline    how long nodes have to advertise keys (generated in milliseconds, even on a Pi)
 * @param sharesDeadline  how long they have to send encrypted shares
 * @param unmaskDeadline  how long survivors have to send unmasking shares
 */
public record SecureAggregationConfig(double dropoutRate, double clip, long maxWeight, int targetBits, Duration keysDeadline,
                                      Duration sharesDeadline, Duration unmaskDeadline) {
    public static final SecureAggregationConfig DEFAULT = new SecureAggregationConfig(0.1, 1.0, 4096, 24,
            Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));

    public SecureAggregationConfig {
        if (!(dropoutRate >= 0 && dropoutRate < 0.5)) throw new IllegalArgumentException("dropoutRate must be in [0, 0.5)");
        if (!(clip > 0) || !Double.isFinite(clip)) throw new IllegalArgumentException("clip must be positive");
        if (maxWeight < 1) throw new IllegalArgumentException("maxWeight must be >= 1");
        if (targetBits < 16 || targetBits > 62) throw new IllegalArgumentException("targetBits must be in [16, 62]");
        for (Duration d : new Duration[] {keysDeadline, sharesDeadline, unmaskDeadline}) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("stage deadlines must be positive");
        }
    }

    public SecureAggregationConfig withStageDeadlines(Duration d) {
        return new SecureAggregationConfig(dropoutRate, clip, maxWeight, targetBits, d, d, d);
    }
}
