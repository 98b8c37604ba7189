package io.fedmq.protocol.secagg;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How masks combine, on both sides. A node uploads
 * {@code y = x + PRG(selfSeed) + sum over neighbours v of sign(me, v) * PRG(s_me,v)} mod 2^bits. In the sum
 * over survivors the pairwise masks between survivors cancel; the orchestrator removes the survivors' self
 * masks (seeds rebuilt from shares) and the pairwise masks survivors added for neighbours that dropped
 * (rebuilt from the dropped node's mask key), and is left with the sum of the x alone.
 */
public final class Masking {
    private static final byte[] COMMITMENT_LABEL = Bytes.utf8("fedmq/secagg/self-seed-commitment");

    private Masking() {}

    /**
     * A pairwise mask a surviving node added for a neighbour that dropped before uploading: the orchestrator
     * subtracts {@code sign * PRG(seed)}.
     *
     * @param seed the pair's 32-byte pairwise seed (copied in and out)
     * @param sign the sign the survivor used, +1 or -1
     */
    public record Correction(byte[] seed, int sign) {
        public Correction {
            seed = Bytes.requireLength(seed, 32, "pairwise seed").clone();
            if (sign != 1 && sign != -1) throw new IllegalArgumentException("sign must be +1 or -1, got " + sign);
        }

        @Override
        public byte[] seed() { return seed.clone(); }

        @Override
        public boolean equals(Object o) { return o instanceof Correction c && c.sign == sign && Arrays.equals(c.seed, seed); }

        @Override
        public int hashCode() { return 31 * Arrays.hashCode(seed) + sign; }

        @Override
        public String toString() { return "Correction[sign=" + sign + "]"; } // never print a seed
    }

    /**
     * The node side: a copy of {@code encoded} with the self mask and every pairwise mask added.
     *
     * @param pairwiseSeedsByPeer the pairwise seed of each neighbour still in the round
     */
    public static long[] mask(long[] encoded, byte[] selfSeed32, Map<String, byte[]> pairwiseSeedsByPeer, String me, int bits) {
        MaskGenerator.checkBits(bits);
        long[] out = encoded.clone();
        long bound = 1L << bits;
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0 || out[i] >= bound) throw new IllegalArgumentException("encoded[" + i + "] is outside [0, 2^" + bits + ")");
        }
        MaskGenerator.addMask(out, selfSeed32, bits, false);
        for (Map.Entry<String, byte[]> e : pairwiseSeedsByPeer.entrySet()) {
            MaskGenerator.addMask(out, e.getValue(), bits, PairwiseSeeds.sign(me, e.getKey()) < 0);
        }
        return out;
    }

    /**
     * The orchestrator side: removes the survivors' self masks and the corrections from the sum of the
     * masked inputs of the survivors. Returns a new array: the sum of their encoded vectors mod 2^bits.
     */
    public static long[] unmask(long[] sumOfMasked, List<byte[]> survivorSelfSeeds, List<Correction> pairwiseCorrections, int bits) {
        MaskGenerator.checkBits(bits);
        long[] out = sumOfMasked.clone();
        for (byte[] seed : survivorSelfSeeds) MaskGenerator.addMask(out, seed, bits, true);
        for (Correction c : pairwiseCorrections) MaskGenerator.addMask(out, c.seed, bits, c.sign > 0);
        return out;
    }

    /**
     * SHA-256 over a label, the round, the node id and its self-mask seed. A node publishes it with its
     * encrypted shares; the orchestrator checks the seed it rebuilds against it, so a corrupted or forged
     * share makes the round abort instead of silently yielding a wrong sum (Shamir alone cannot tell: a
     * small change to one share shifts the secret by a small amount). The seed is 256 random bits and is
     * revealed anyway once its node's upload is unmasked, so the hash gives nothing away.
     */
    public static byte[] selfSeedCommitment(long round, String nodeId, byte[] selfSeed32) {
        Bytes.requireLength(selfSeed32, 32, "self-mask seed");
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    Bytes.framed(COMMITMENT_LABEL, Bytes.round(round), Bytes.utf8(nodeId), selfSeed32));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }

    /** {@code (a + b) mod 2^bits}, element-wise, as a new array. */
    public static long[] addMod(long[] a, long[] b, int bits) {
        long[] out = a.clone();
        addInto(out, b, bits);
        return out;
    }

    /** {@code acc += x mod 2^bits} in place: how the orchestrator folds in each upload as it arrives. */
    public static void addInto(long[] acc, long[] x, int bits) {
        MaskGenerator.checkBits(bits);
        if (acc.length != x.length) throw new IllegalArgumentException("vectors differ in length: " + acc.length + " vs " + x.length);
        long mask = (1L << bits) - 1;
        for (int i = 0; i < acc.length; i++) acc[i] = (acc[i] + x[i]) & mask;
    }
}
