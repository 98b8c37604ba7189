package io.fedmq.bench;

import io.fedmq.protocol.Blob;
import io.fedmq.protocol.EncryptedShares;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.MaskedInput;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.ShareBundle;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.UnmaskRequest;
import io.fedmq.protocol.UnmaskShares;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.secagg.BitPacking;
import io.fedmq.protocol.secagg.Quantizer;
import io.fedmq.protocol.secagg.SecAggException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Prints the bytes secure aggregation puts on the wire, as WireCodec payloads (MQTT framing not included),
 * built with the product's classes and real values:
 *
 * <ol>
 * <li>the MaskedInput of d parameters (d + 1 values packed at the modulus bits of
 *     {@code Quantizer.forNodes(n, 1.0, 4096, 24)}) against the float32 ModelUpdate a node sends without secure
 *     aggregation, and against the 16-bit cleartext of Bonawitz et al. 2017;</li>
 * <li>the per-node key and share messages for k = NeighbourGraph.Params.choose(n, dropout): sent (KeyAdvertisement,
 *     EncryptedShares to k neighbours, UnmaskShares for k neighbours) and received (KeyRoster, ShareBundle, UnmaskRequest);</li>
 * <li>a node's total for 2^10 nodes and 2^20 parameters, the point of Bonawitz et al.'s published 1.73x.</li>
 * </ol>
 *
 * <p>Run: {@code java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.fedmq.bench.WireSizes}
 */
public final class WireSizes {
    /** Bonawitz et al., CCS 2017 (ePrint 2017/281), abstract: 16-bit inputs, 2^10 users, 2^20-dimensional vectors. */
    static final double BONAWITZ_EXPANSION = 1.73;

    private static final WireCodec CODEC = new WireCodec();

    private WireSizes() {}

    public static void main(String[] args) throws SecAggException {
        int[] ns = {10, 100, 1000};
        int[] ds = {10_000, 100_000, 1_000_000};

        System.out.println("## Masked upload vs float32 update (WireCodec payload bytes)");
        System.out.println();
        System.out.println("| n | d | modulus bits b | quant bits q | MaskedInput B | B/param | ModelUpdate (float32) B | masked / float32 | B over 0.75 x float32 | masked / 16-bit clear (2d B) | that / 1.73 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : ns) {
            for (int d : ds) {
                Quantizer q = Quantizer.forNodes(n, SecAggFleet.CLIP, SecAggFleet.MAX_WEIGHT, SecAggFleet.TARGET_BITS);
                long masked = maskedInputBytes(q, d);
                long plain = modelUpdateBytes(d);
                double vsClear16 = masked / (2.0 * d);
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %.4f | %d | %.6f | %+.2f | %.4f | %.4f |%n", n, d, q.modulusBits(),
                        q.quantBits(), masked, masked / (double) d, plain, masked / (double) plain, masked - 0.75 * plain, vsClear16,
                        vsClear16 / BONAWITZ_EXPANSION);
            }
        }

        System.out.println();
        System.out.println("## Per-node key and share messages (WireCodec payload bytes)");
        System.out.println();
        System.out.println("| n | dropout | k | t | sent: KeyAdvertisement | sent: EncryptedShares | sent: UnmaskShares | received: KeyRoster | received: ShareBundle | received: UnmaskRequest |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int n : ns) {
            for (double p : SecAggFleet.DROPOUTS) {
                Messages m = messages(SecAggFleet.create(n, p));
                System.out.printf(Locale.ROOT, "| %d | %.1f | %d | %d | %d | %d | %d | %d | %d | %d |%n", n, p, m.k, m.t, m.advert, m.shares,
                        m.unmaskShares, m.roster, m.bundle, m.unmaskRequest);
            }
        }

        System.out.println();
        System.out.println("## Bonawitz et al. 2017's point: 2^10 nodes, 2^20 parameters");
        System.out.println();
        System.out.println("Cleartext as in their 1.73x: 2^20 values x 16 bits = 2,097,152 B per node.");
        System.out.println();
        System.out.println("| dropout | k | q bits | MaskedInput B | key+share msgs sent B | node sent B | node received B (excl. model) | sent / 16-bit clear | (sent+received) / 16-bit clear | sent / float32 ModelUpdate | sent-expansion / 1.73 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        int n = 1 << 10;
        int d = 1 << 20;
        Quantizer q = Quantizer.forNodes(n, SecAggFleet.CLIP, SecAggFleet.MAX_WEIGHT, SecAggFleet.TARGET_BITS);
        long masked = maskedInputBytes(q, d);
        long plain = modelUpdateBytes(d);
        double clear16 = 2.0 * d;
        for (double p : SecAggFleet.DROPOUTS) {
            Messages m = messages(SecAggFleet.create(n, p));
            long keyShare = m.advert + m.shares + m.unmaskShares;
            long sent = keyShare + masked;
            long received = m.roster + m.bundle + m.unmaskRequest;
            System.out.printf(Locale.ROOT, "| %.1f | %d | %d | %d | %d | %d | %d | %.4f | %.4f | %.4f | %.4f |%n", p, m.k, q.quantBits(), masked,
                    keyShare, sent, received, sent / clear16, (sent + received) / clear16, sent / (double) plain,
                    sent / clear16 / BONAWITZ_EXPANSION);
        }
    }

    /** A genuine MaskedInput payload: encode, mask (self mask suffices for the size), pack, WireCodec. */
    static long maskedInputBytes(Quantizer q, int d) {
        float[] delta = new float[d];
        Random r = new Random(1);
        for (int i = 0; i < d; i++) delta[i] = (float) (0.05 * r.nextGaussian());
        long[] encoded = q.encode(delta, 1000, new SplittableRandom(2));
        byte[] seed = new byte[32];
        r.nextBytes(seed);
        long[] masked = io.fedmq.protocol.secagg.Masking.mask(encoded, seed, java.util.Map.of(), "node-1", q.modulusBits());
        byte[] packed = BitPacking.pack(masked, q.modulusBits());
        if (packed.length != BitPacking.packedLength(d + 1, q.modulusBits())) throw new IllegalStateException("packed length");
        return CODEC.encode(new MaskedInput(SecAggFleet.ROUND, "node-1", SecAggFleet.MODEL_VERSION, q.modulusBits(), d + 1, 0.5,
                Blob.of(packed))).length;
    }

    static long modelUpdateBytes(int d) {
        float[] delta = new float[d];
        Random r = new Random(1);
        for (int i = 0; i < d; i++) delta[i] = (float) (0.05 * r.nextGaussian());
        return CODEC.encode(new ModelUpdate(SecAggFleet.ROUND, "node-1", SecAggFleet.MODEL_VERSION, 1000, 0.5, Tensor.vector(delta))).length;
    }

    record Messages(int k, int t, long advert, long shares, long unmaskShares, long roster, long bundle, long unmaskRequest) {}

    /** The messages of the fleet's first survivor, each a real one (real keys, shares, ciphertexts, node ids). */
    static Messages messages(SecAggFleet f) throws SecAggException {
        String me = f.survivors.get(0);
        KeyAdvertisement advert = f.keysOf(me);
        EncryptedShares shares = SecAggNodeBenchmark.shareKeys(f, me, new SecureRandom());
        ShareBundle bundle = SecAggNodeBenchmark.bundleFor(f, me);
        UnmaskShares answer = null;
        for (UnmaskShares u : f.unmaskAnswers()) if (u.nodeId().equals(me)) answer = u;
        UnmaskRequest request = new UnmaskRequest(SecAggFleet.ROUND, f.survivors, f.dropped);
        return new Messages(f.k(), f.t(), CODEC.encode(advert).length, CODEC.encode(shares).length, CODEC.encode(answer).length,
                CODEC.encode(f.roster).length, CODEC.encode(bundle).length, CODEC.encode(request).length);
    }
}
