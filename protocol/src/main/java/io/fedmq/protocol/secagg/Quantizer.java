package io.fedmq.protocol.secagg;

import java.util.random.RandomGenerator;

/**
 * Fixed-point encoding of one node's update into Z_(2^modulusBits), so that masked vectors add up exactly.
 *
 * <p>A node with delta {@code x} (d values) and {@code n} training examples uses weight
 * {@code w = min(n, maxWeight)} and sends d + 1 integers: {@code u_i = SR(((w / W) * clip(x_i) + c) / (2c) * L)}
 * with {@code c = clip}, {@code W = maxWeight}, {@code L = 2^quantBits - 1} and SR unbiased stochastic rounding,
 * and {@code u_d = w}. The weight travels inside the masked vector, so the orchestrator learns only the total
 * weight and never a node's example count. Summing m such vectors stays below {@code m * L < 2^modulusBits}:
 * the sum never wraps, and {@link #decodeMean} turns it into the example-weighted mean of the clipped deltas.
 *
 * <p>Scaling by {@code w / W} before quantizing means a node with few examples is quantized on a coarser
 * grid relative to its own delta; choose {@code maxWeight} near the typical example count (see
 * {@link #errorBound}).
 *
 * @param quantBits   q, bits per quantized value: values lie in [0, 2^q - 1]
 * @param modulusBits b, the bits of the masking group Z_(2^b); at most 62
 * @param clip        c, each delta value is clipped to [-c, c]
 * @param maxWeight   W, the cap on a node's example count; at most 2^q - 1
 */
public record Quantizer(int quantBits, int modulusBits, double clip, long maxWeight) {
    /** The default b: 24 bits per value, 3/4 of float32 on the wire. */
    public static final int DEFAULT_TARGET_BITS = 24;

    public Quantizer {
        if (modulusBits < 2 || modulusBits > 62) throw new IllegalArgumentException("modulusBits must be in [2, 62], got " + modulusBits);
        if (quantBits < 1 || quantBits >= modulusBits) {
            throw new IllegalArgumentException("quantBits must be in [1, modulusBits), got " + quantBits + " with modulusBits " + modulusBits);
        }
        if (!(clip > 0) || !Double.isFinite(clip)) throw new IllegalArgumentException("clip must be positive and finite, got " + clip);
        if (maxWeight < 1 || maxWeight > (1L << quantBits) - 1) {
            throw new IllegalArgumentException("maxWeight must be in [1, 2^" + quantBits + " - 1], got " + maxWeight);
        }
    }

    /**
     * A quantizer for at most {@code maxSummands} nodes per round with {@code targetBits} per value: headroom
     * {@code h = ceil(log2(maxSummands + 1))} bits keeps the sum of all nodes from wrapping, and the rest,
     * {@code q = targetBits - h}, is precision.
     *
     * @throws IllegalArgumentException when that leaves fewer than 8 bits of precision
     */
    public static Quantizer forNodes(int maxSummands, double clip, long maxWeight, int targetBits) {
        if (maxSummands < 1) throw new IllegalArgumentException("maxSummands must be >= 1, got " + maxSummands);
        int headroom = 64 - Long.numberOfLeadingZeros(maxSummands); // ceil(log2(m + 1)) = bit length of m
        int q = targetBits - headroom;
        if (q < 8) {
            throw new IllegalArgumentException(targetBits + " bits per value leave only " + q + " bits of precision for "
                    + maxSummands + " nodes (" + headroom + " bits of headroom); need >= 8: raise targetBits or lower the cohort size");
        }
        return new Quantizer(q, targetBits, clip, maxWeight);
    }

    /** The largest quantized value, {@code 2^q - 1}. */
    public long levels() { return (1L << quantBits) - 1; }

    /** How many nodes' vectors may be summed without wrapping: {@code floor((2^b - 1) / (2^q - 1))}. */
    public long maxSummands() { return ((1L << modulusBits) - 1) / levels(); }

    /**
     * Encodes one node's update as d + 1 integers in [0, 2^q - 1], the last being its weight.
     *
     * @param rng the rounding randomness: it needs no secrecy (the mask hides the vector), so a fast
     *            generator seeded from {@code SecureRandom} will do
     */
    public long[] encode(float[] delta, long examples, RandomGenerator rng) {
        if (examples < 1) throw new IllegalArgumentException("examples must be >= 1, got " + examples);
        long w = Math.min(examples, maxWeight);
        long levels = levels();
        double scale = (double) w / maxWeight;
        double toGrid = levels / (2 * clip);
        long[] out = new long[delta.length + 1];
        for (int i = 0; i < delta.length; i++) {
            float x = delta[i];
            if (!Float.isFinite(x)) throw new IllegalArgumentException("delta[" + i + "] is " + x);
            double u = (scale * Math.max(-clip, Math.min(clip, x)) + clip) * toGrid;
            double floor = Math.floor(u);
            long r = (long) floor + (rng.nextDouble() < u - floor ? 1 : 0);
            out[i] = Math.max(0, Math.min(levels, r)); // rounding error in u may step just past an end
        }
        out[delta.length] = w;
        return out;
    }

    /**
     * The example-weighted mean of the clipped deltas from the exact sum of {@code summands} encoded vectors:
     * {@code W * (sum_i * 2c / L - m * c) / sum_d}.
     */
    public float[] decodeMean(long[] sum, int summands) {
        if (sum.length < 2) throw new IllegalArgumentException("a sum holds d >= 1 values and the total weight");
        if (summands < 1 || summands > maxSummands()) {
            throw new IllegalArgumentException("summands must be in [1, " + maxSummands() + "], got " + summands);
        }
        long limit = summands * levels();
        long totalWeight = sum[sum.length - 1];
        if (totalWeight < 1 || totalWeight > summands * maxWeight) {
            throw new IllegalArgumentException("total weight " + totalWeight + " is impossible for " + summands + " nodes");
        }
        double step = 2 * clip / levels();
        double offset = summands * clip;
        float[] out = new float[sum.length - 1];
        for (int i = 0; i < out.length; i++) {
            // Unmasking with a wrong seed gives values uniform in [0, 2^b); most land above m * L. Fail loudly.
            if (sum[i] < 0 || sum[i] > limit) throw new IllegalArgumentException("sum[" + i + "] exceeds " + summands + " x (2^q - 1)");
            out[i] = (float) (maxWeight * (sum[i] * step - offset) / totalWeight);
        }
        return out;
    }

    /**
     * A proven bound on |decodeMean - exact weighted mean of the clipped deltas| per value, for a sum of
     * {@code summands} vectors with total weight {@code totalWeight}.
     *
     * <p>Derivation. Let {@code u_j} be node j's grid value in exact arithmetic and {@code e_j} what it sent.
     * Stochastic rounding moves a value by less than one step, and the double arithmetic computing
     * {@code u_j} is off by at most {@code 6 * L * 2^-53 < 2^(q-50)} steps, so
     * {@code |e_j - u_j| < 1 + 2^(q-50)} (clamping into [0, L] only moves towards {@code u_j}). The decoder
     * maps {@code sum u_j} to exactly the weighted mean, so the sum's error of {@code m * (1 + 2^(q-50))}
     * steps becomes {@code (W / T) * m * (2c / L) * (1 + 2^(q-50))} in the mean. Computing the decoder in
     * double adds at most {@code 9 * m * c * 2^-53 < m * c * 2^-49} before the scaling by {@code W / T}; that
     * scaling and the cast to float add at most {@code 2^-23} of the result's magnitude, itself at most
     * c plus the error. With every weight at W this is about one grid step, {@code 2c / L}; with an average
     * weight of W / 10 it is ten.
     */
    public double errorBound(int summands, long totalWeight) {
        if (summands < 1 || totalWeight < 1) throw new IllegalArgumentException("need summands >= 1 and totalWeight >= 1");
        double perStep = 2 * clip / levels() * (1 + Math.scalb(1.0, quantBits - 50));
        double main = (double) maxWeight / totalWeight * summands * (perStep + clip * Math.scalb(1.0, -49));
        return main + (clip + main) * Math.scalb(1.0, -23);
    }
}
