package io.fedmq.protocol;

/**
 * The secure-aggregation settings of one round, announced with it so that every node and the orchestrator
 * compute the same neighbour graph and the same fixed-point encoding.
 *
 * @param threshold   shares needed to recover a node's secrets (Shamir t)
 * @param degree      neighbours per node in the SecAgg+ graph (k); n-1 means the complete graph
 * @param modulusBits b: masked values live in Z_(2^b) and travel packed to b bits
 * @param quantBits   bits of each quantized value; b minus this is the headroom for the sum
 * @param clip        update values are clipped to [-clip, clip] before quantization
 * @param maxWeight   example counts are capped here; it also scales the weighted values
 */
public record SecAggParams(int threshold, int degree, int modulusBits, int quantBits, double clip, long maxWeight) {
    public SecAggParams {
        if (threshold < 1) throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
        if (degree < 1) throw new IllegalArgumentException("degree must be >= 1, got " + degree);
        if (threshold > degree) throw new IllegalArgumentException("threshold " + threshold + " exceeds degree " + degree);
        if (modulusBits < 2 || modulusBits > 62) throw new IllegalArgumentException("modulusBits must be in [2, 62], got " + modulusBits);
        if (quantBits < 1 || quantBits >= modulusBits) throw new IllegalArgumentException("quantBits must be in [1, modulusBits)");
        if (!(clip > 0) || !Double.isFinite(clip)) throw new IllegalArgumentException("clip must be positive and finite");
        if (maxWeight < 1 || maxWeight > (1L << quantBits) - 1) throw new IllegalArgumentException("maxWeight must be in [1, 2^quantBits - 1]");
    }
}
