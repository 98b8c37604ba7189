package io.fedmq.protocol;

/**
 * A node's masked update: its quantized, weighted delta with the example count as the last value, plus its
 * self mask and pairwise masks, in Z_(2^bits), packed to {@code bits} bits per value. Uniformly random on its own.
 *
 * @param round        the round
 * @param nodeId       the sender; must match the topic it arrived on
 * @param modelVersion the global model it trained from
 * @param bits         bits per packed value (the round's modulus bits)
 * @param length       number of values (model parameters + 1)
 * @param trainLoss    its last-epoch training loss: a metric, like its evaluation reports
 * @param packed       the values, little-endian bit order, exactly ceil(length * bits / 8) bytes
 */
public record MaskedInput(long round, String nodeId, long modelVersion, int bits, int length, double trainLoss, Blob packed) implements NodeMessage {
    public MaskedInput {
        Checks.positive(round, "round");
        Topics.requireName(nodeId, "nodeId");
        Checks.positive(modelVersion, "modelVersion");
        if (bits < 2 || bits > 62) throw new IllegalArgumentException("bits must be in [2, 62], got " + bits);
        Checks.positive(length, "length");
        Checks.finite(trainLoss, "trainLoss");
        Checks.notNull(packed, "packed");
        long expected = ((long) length * bits + 7) / 8;
        if (packed.size() != expected) {
            throw new IllegalArgumentException(length + " values of " + bits + " bits need " + expected + " bytes, got " + packed.size());
        }
    }
}
