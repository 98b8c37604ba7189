package io.fedmq.protocol.secagg;

/**
 * The seed and sign of the mask two neighbours share. Both derive the same seed from their mask-key
 * agreement; the one whose id sorts first adds the mask and the other subtracts it, so the pair's masks
 * cancel in the sum.
 */
public final class PairwiseSeeds {
    private static final byte[] INFO = Bytes.utf8("fedmq/secagg/pairwise-mask");

    private PairwiseSeeds() {}

    /** HKDF(shared, salt = round, info = "fedmq/secagg/pairwise-mask"), 32 bytes: a new seed every round. */
    public static byte[] pairwiseSeed(byte[] sharedSecret, long round) {
        Bytes.requireLength(sharedSecret, KeyPairs.LENGTH, "shared secret");
        return Hkdf.derive(sharedSecret, Bytes.round(round), INFO, 32);
    }

    /** +1 when {@code me} sorts before {@code peer}, else -1. */
    public static int sign(String me, String peer) {
        int c = me.compareTo(peer);
        if (c == 0) throw new IllegalArgumentException("a node has no pairwise mask with itself: " + me);
        return c < 0 ? 1 : -1;
    }
}
