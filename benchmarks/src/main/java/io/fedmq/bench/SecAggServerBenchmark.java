package io.fedmq.bench;

import io.fedmq.protocol.Blob;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.MaskedInput;
import io.fedmq.protocol.UnmaskShares;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.WireFormatException;
import io.fedmq.protocol.secagg.BitPacking;
import io.fedmq.protocol.secagg.KeyPairs;
import io.fedmq.protocol.secagg.MaskGenerator;
import io.fedmq.protocol.secagg.Masking;
import io.fedmq.protocol.secagg.PairwiseSeeds;
import io.fedmq.protocol.secagg.Quantizer;
import io.fedmq.protocol.secagg.SecAggException;
import io.fedmq.protocol.secagg.SecAggRound;
import io.fedmq.protocol.secagg.SecAggSimulation;
import io.fedmq.protocol.secagg.Shamir;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The orchestrator's SecAgg+ cost per round, from the first masked input to the decoded mean: what
 * {@code SecureAggregation.run} does in stages 3 and 4 minus the MQTT transport and message decoding.
 *
 * <ul>
 * <li>{@link #aggregate}: per survivor, {@code BitPacking.unpack} of its packed masked input (after the
 *     {@code Blob.toArray} copy the product makes) and {@code Masking.addInto}; then {@code SecAggRound.Recovery}:
 *     {@code add} of every survivor's {@link UnmaskShares}, and {@code unmask}, which does Shamir.combine of t shares
 *     per survivor self seed (+ commitment check) and per dropped mask key (+ public-key check), one X25519 agreement
 *     and pairwise seed per (dropped node, surviving neighbour), and one AES-CTR mask stream per survivor self seed and
 *     per such correction; then {@code Quantizer.decodeMean}. Nodes drop after sharing keys: the expensive case.</li>
 * <li>{@code unit*}: the per-unit costs that {@link SecAggExtrapolation} multiplies by the counts of a configuration
 *     too slow to run whole, and that show where the time goes.</li>
 * </ul>
 *
 * <p>Memory: n packed masked vectors of d values are never materialized for large n * d. Summing costs the same for
 * any uniformly random vectors of the right length (unpack and add have no data-dependent branches), so the n_s
 * uploads cycle through a pool of distinct packed vectors (as many as fit in {@value #POOL_BYTES} bytes, at most n_s - 1:
 * every upload is distinct for d = 10k, and for d = 1M ten 3 MB vectors, 30 MB, defeat the caches as fresh uploads would):
 * pool[0] is a genuine masked input made
 * with the product's node-side code, the others are AES-CTR mask streams from {@link MaskGenerator} (uniform, like
 * every masked input). The last upload is a balancing vector computed in setup so that the masked sum unmasks to the
 * sum of n_s genuine encodings: decodeMean must then succeed, and its output is compared with the expected mean after
 * every iteration, so a broken pipeline fails the run instead of being timed. The masks the orchestrator removes are the
 * real ones: self seeds and mask keys of the fleet, rebuilt from real Shamir shares, streamed by MaskGenerator.
 *
 * <p>Correctness is also checked once per trial against the node side: a complete round (real keys, graph, shares,
 * every survivor masking with {@code Masking.mask} after its own X25519 agreements, the same dropped pattern rate) is
 * pushed through this very pipeline with min(n, 100) nodes and d = 1000, and the decoded mean must equal the mean of
 * the plain encodings exactly; plus one {@link SecAggSimulation} round with dropouts.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SecAggServerBenchmark {
    /** Budget of the upload pool. */
    static final long POOL_BYTES = 32L << 20;

    /** The inputs the orchestrator holds when the masked inputs start arriving. */
    static final class Inputs {
        final SecAggFleet fleet;
        final Map<String, Blob> commitments;
        final List<UnmaskShares> answers;

        Inputs(SecAggFleet fleet) {
            this.fleet = fleet;
            this.commitments = fleet.commitments();
            this.answers = fleet.unmaskAnswers();
        }
    }

    /**
     * Stages 3 and 4 of {@code SecureAggregation.run} after the transport: sum the survivors' uploads as they
     * arrive, collect the unmask answers into a Recovery, unmask. Returns the plain sum mod 2^bits.
     */
    static long[] unmaskedSum(Inputs in, Blob[] uploads, int length) throws SecAggException {
        SecAggFleet f = in.fleet;
        int bits = f.params.modulusBits();
        long[] sum = new long[length];
        for (Blob packed : uploads) Masking.addInto(sum, BitPacking.unpack(packed.toArray(), length, bits), bits);
        SecAggRound.Recovery recovery = new SecAggRound.Recovery(SecAggFleet.ROUND, f.graph, f.params.threshold(), f.survivors, f.dropped);
        for (UnmaskShares u : in.answers) recovery.add(u.nodeId(), u.selfSeedShares(), u.keyShares());
        if (!recovery.complete()) throw new SecAggException("recovery is missing shares");
        Map<String, byte[]> maskingKeys = new TreeMap<>();
        for (KeyAdvertisement k : f.roster.keys()) maskingKeys.put(k.nodeId(), k.maskingKey().toArray());
        Map<String, byte[]> commitments = new TreeMap<>();
        in.commitments.forEach((node, c) -> commitments.put(node, c.toArray()));
        return recovery.unmask(sum, bits, maskingKeys, commitments);
    }

    /** {@link #unmaskedSum}, then the orchestrator's {@code quantizer.decodeMean(total, u3.size())}. */
    static float[] unmaskAndDecode(Inputs in, Blob[] uploads, int length) throws SecAggException {
        return in.fleet.quantizer.decodeMean(unmaskedSum(in, uploads, length), in.fleet.survivors.size());
    }

    @State(Scope.Benchmark)
    public static class Round {
        @Param({"10", "100", "1000"})
        int n;

        @Param({"10000", "100000", "1000000"})
        int d;

        @Param({"0.0", "0.1", "0.3"})
        double dropout;

        Inputs inputs;
        Blob[] uploads;
        float[] expected;
        float[] last;

        @Setup(Level.Trial)
        public void setUp() throws SecAggException {
            verifyAgainstNodes(Math.min(n, 100), dropout, 1000);
            verifySimulation();

            SecAggFleet f = SecAggFleet.create(n, dropout);
            inputs = new Inputs(f);
            int bits = f.params.modulusBits();
            int length = d + 1;
            int ns = f.survivors.size();
            long mask = (1L << bits) - 1;

            Random r = new Random(11);
            float[] delta = new float[d];
            for (int i = 0; i < d; i++) delta[i] = (float) (0.05 * r.nextGaussian());
            long[] encoded = f.quantizer.encode(delta, 1000, new SplittableRandom(12));

            long packedBytes = BitPacking.packedLength(length, bits);
            int poolSize = (int) Math.max(1, Math.min(ns - 1, POOL_BYTES / packedBytes));
            Blob[] pool = new Blob[poolSize];
            pool[0] = Blob.of(BitPacking.pack(f.maskedInput(f.survivors.get(0), encoded), bits));
            SecureRandom seeds = SecAggFleet.seededRandom(13);
            for (int i = 1; i < poolSize; i++) {
                long[] v = new long[length];
                byte[] seed = new byte[32];
                seeds.nextBytes(seed);
                MaskGenerator.addMask(v, seed, bits, false);
                pool[i] = Blob.of(BitPacking.pack(v, bits));
            }
            uploads = new Blob[ns];
            for (int i = 0; i < ns - 1; i++) uploads[i] = pool[i % poolSize];

            // Calibrate the balancing upload: with a zero vector in its place the pipeline yields r0 = (the other
            // uploads) - (every mask); replacing it by ns * encoded - r0 makes the unmasked sum ns * encoded.
            uploads[ns - 1] = Blob.of(BitPacking.pack(new long[length], bits));
            long[] r0 = unmaskedSum(inputs, uploads, length);
            long[] balance = new long[length];
            long[] plainSum = new long[length];
            for (int i = 0; i < length; i++) {
                plainSum[i] = ns * encoded[i]; // below ns * 2^q <= 2^bits: Quantizer.forNodes leaves that headroom
                balance[i] = (plainSum[i] - r0[i]) & mask;
            }
            uploads[ns - 1] = Blob.of(BitPacking.pack(balance, bits));
            expected = f.quantizer.decodeMean(plainSum, ns);
            double bound = f.quantizer.errorBound(ns, ns * 1000L);
            for (int i = 0; i < d; i++) {
                double want = Math.max(-SecAggFleet.CLIP, Math.min(SecAggFleet.CLIP, delta[i])); // equal weights: the mean of clip(delta)
                if (Math.abs(expected[i] - want) > bound) throw new IllegalStateException("expected mean is off at " + i);
            }
            System.out.printf("%n[secagg] n=%d d=%d dropout=%.1f: k=%d t=%d survivors=%d dropped=%d corrections=%d pool=%d x %d B%n",
                    n, d, dropout, f.k(), f.t(), ns, f.dropped.size(), f.corrections(), poolSize, packedBytes);
        }

        @TearDown(Level.Iteration)
        public void check() {
            if (last == null || !Arrays.equals(last, expected)) {
                throw new IllegalStateException("the orchestrator pipeline did not return the expected mean");
            }
            last = null;
        }
    }

    @Benchmark
    public float[] aggregate(Round r) throws SecAggException {
        float[] mean = unmaskAndDecode(r.inputs, r.uploads, r.d + 1);
        r.last = mean;
        return mean;
    }

    /**
     * A complete round through {@link #unmaskAndDecode} with genuine uploads: every survivor encodes its own delta
     * and masks it with the product's node-side code; the decoded mean must equal that of the plain encodings.
     */
    static void verifyAgainstNodes(int n, double dropout, int d) throws SecAggException {
        SecAggFleet f = SecAggFleet.create(n, dropout);
        int bits = f.params.modulusBits();
        Random r = new Random(21);
        SplittableRandom rounding = new SplittableRandom(22);
        long[] plain = new long[d + 1];
        Blob[] uploads = new Blob[f.survivors.size()];
        for (int u = 0; u < uploads.length; u++) {
            float[] delta = new float[d];
            for (int i = 0; i < d; i++) delta[i] = (float) (0.1 * r.nextGaussian());
            long[] encoded = f.quantizer.encode(delta, 50 + 37L * u, rounding);
            Masking.addInto(plain, encoded, bits);
            uploads[u] = Blob.of(BitPacking.pack(f.maskedInput(f.survivors.get(u), encoded), bits));
        }
        float[] got = unmaskAndDecode(new Inputs(f), uploads, d + 1);
        float[] want = f.quantizer.decodeMean(plain, f.survivors.size());
        if (!Arrays.equals(got, want)) {
            throw new IllegalStateException("round trip n=" + n + " dropout=" + dropout + ": unmasked mean differs from the plain mean");
        }
        // A single upload must not decode: it is uniformly random.
        boolean refused = false;
        try {
            f.quantizer.decodeMean(BitPacking.unpack(uploads[0].toArray(), d + 1, bits), 1);
        } catch (IllegalArgumentException e) {
            refused = true;
        }
        if (!refused) throw new IllegalStateException("a lone masked input decoded: masking is not happening");
    }

    /** One in-memory round of the product's simulation with two dropped nodes; the sum must be exact. */
    static void verifySimulation() throws SecAggException {
        int bits = SecAggFleet.TARGET_BITS;
        SortedMap<String, long[]> encoded = new TreeMap<>();
        Random r = new Random(31);
        for (int i = 1; i <= 10; i++) {
            long[] v = new long[65];
            for (int j = 0; j < v.length; j++) v[j] = r.nextInt(1 << 16);
            encoded.put("node-" + i, v);
        }
        Map<String, SecAggSimulation.Dropout> drops = Map.of("node-3", SecAggSimulation.Dropout.BEFORE_MASKED_INPUT,
                "node-7", SecAggSimulation.Dropout.BEFORE_MASKED_INPUT);
        SecAggSimulation.Result res = SecAggSimulation.run(SecAggFleet.ROUND, encoded, drops, 8, bits, SecAggFleet.seededRandom(32));
        long[] want = new long[65];
        for (String id : res.summed()) Masking.addInto(want, encoded.get(id), bits);
        if (res.summed().size() != 8 || !Arrays.equals(res.sum(), want)) throw new IllegalStateException("SecAggSimulation sum is wrong");
    }

    // ---------------------------------------------------------------- per-unit costs, for the extrapolation

    /** One vector of unitD + 1 values (d parameters and the weight), 24 bits each. */
    @State(Scope.Benchmark)
    public static class Vector {
        @Param({"10000", "100000", "1000000"})
        int unitD;

        int bits;
        long[] acc;
        byte[] seed = new byte[32];
        Blob packed;
        long[] validSum;
        int summands;
        Quantizer quantizer;
        byte[] maskedInputMessage;
        final WireCodec codec = new WireCodec();

        @Setup(Level.Trial)
        public void setUp() throws SecAggException {
            quantizer = Quantizer.forNodes(100, SecAggFleet.CLIP, SecAggFleet.MAX_WEIGHT, SecAggFleet.TARGET_BITS);
            bits = quantizer.modulusBits();
            acc = new long[unitD + 1];
            new Random(41).nextBytes(seed);
            long[] v = new long[unitD + 1];
            MaskGenerator.addMask(v, seed, bits, false);
            packed = Blob.of(BitPacking.pack(v, bits));
            if (!Arrays.equals(BitPacking.unpack(packed.toArray(), unitD + 1, bits), v)) throw new IllegalStateException("pack round trip");
            float[] delta = new float[unitD];
            Random r = new Random(42);
            for (int i = 0; i < unitD; i++) delta[i] = (float) (0.05 * r.nextGaussian());
            summands = 90;
            long[] enc = quantizer.encode(delta, 1000, new SplittableRandom(43));
            validSum = new long[unitD + 1];
            for (int i = 0; i <= unitD; i++) validSum[i] = summands * enc[i];
            maskedInputMessage = codec.encode(new MaskedInput(SecAggFleet.ROUND, "node-1", SecAggFleet.MODEL_VERSION, bits, unitD + 1, 0.5, packed));
        }
    }

    /** One AES-CTR mask stream over d + 1 values, subtracted in place (a survivor's self mask, or one correction). */
    @Benchmark
    @Warmup(iterations = 3, time = 1)
    public long[] unitMaskStream(Vector v) {
        MaskGenerator.addMask(v.acc, v.seed, v.bits, true);
        return v.acc;
    }

    /** One upload folded into the sum: Blob copy, unpack, add. */
    @Benchmark
    @Warmup(iterations = 3, time = 1)
    public long[] unitUnpackAdd(Vector v) throws SecAggException {
        Masking.addInto(v.acc, BitPacking.unpack(v.packed.toArray(), v.unitD + 1, v.bits), v.bits);
        return v.acc;
    }

    @Benchmark
    @Warmup(iterations = 3, time = 1)
    public float[] unitDecodeMean(Vector v) {
        return v.quantizer.decodeMean(v.validSum, v.summands);
    }

    /** Not in {@link #aggregate}: the WireCodec decode the orchestrator's collector does per masked input. */
    @Benchmark
    @Warmup(iterations = 3, time = 1)
    public Object unitDecodeMaskedInputMessage(Vector v) throws WireFormatException {
        return v.codec.decode(v.maskedInputMessage, MaskedInput.class);
    }

    @State(Scope.Benchmark)
    public static class Agreement {
        PrivateKey droppedMaskKey;
        byte[] survivorMaskKey;

        @Setup(Level.Trial)
        public void setUp() {
            SecureRandom r = SecAggFleet.seededRandom(51);
            droppedMaskKey = KeyPairs.generate(r).getPrivate();
            survivorMaskKey = KeyPairs.publicBytes(KeyPairs.generate(r).getPublic());
        }
    }

    /** What Recovery.unmask does per (dropped node, surviving neighbour) besides the mask stream. */
    @Benchmark
    @Warmup(iterations = 3, time = 1)
    public Masking.Correction unitCorrectionAgreement(Agreement a) throws SecAggException {
        byte[] shared = KeyPairs.agree(a.droppedMaskKey, KeyPairs.publicKey(a.survivorMaskKey));
        return new Masking.Correction(PairwiseSeeds.pairwiseSeed(shared, SecAggFleet.ROUND), PairwiseSeeds.sign("node-1", "node-2"));
    }

    /** Shares of one secret as Recovery holds them: 2t - 1 of them (about k), of which combine uses t. */
    @State(Scope.Benchmark)
    public static class Secret {
        @Param({"5", "8", "11", "18", "20", "50", "107"})
        int t;

        Map<Integer, byte[]> seedShares;
        byte[] commitment;
        Map<Integer, byte[]> keyShares;
        byte[] advertised;

        @Setup(Level.Trial)
        public void setUp() throws SecAggException {
            SecureRandom r = SecAggFleet.seededRandom(61);
            List<Integer> xs = new ArrayList<>();
            for (int i = 0; i < 2 * t - 1; i++) xs.add(3 + 7 * i);
            byte[] seed = new byte[32];
            r.nextBytes(seed);
            seedShares = Shamir.split(seed, t, xs, r);
            commitment = Masking.selfSeedCommitment(SecAggFleet.ROUND, "node-1", seed);
            KeyPair key = KeyPairs.generate(r);
            keyShares = Shamir.split(KeyPairs.privateBytes(key.getPrivate()), t, xs, r);
            advertised = KeyPairs.publicBytes(key.getPublic());
            if (!Arrays.equals(Shamir.combine(seedShares, t), seed)) throw new IllegalStateException("Shamir round trip");
        }
    }

    /** Recovery.unmask per survivor, besides its mask stream: rebuild the self seed, check the commitment. */
    @Benchmark
    @Warmup(iterations = 3, time = 1)
    public byte[] unitSelfSeedRecovery(Secret s) throws SecAggException {
        byte[] seed = Shamir.combine(s.seedShares, s.t);
        if (!MessageDigest.isEqual(Masking.selfSeedCommitment(SecAggFleet.ROUND, "node-1", seed), s.commitment)) {
            throw new SecAggException("commitment");
        }
        return seed;
    }

    /** Recovery.unmask per dropped node, besides its corrections: rebuild the mask key, check it against its advert. */
    @Benchmark
    @Warmup(iterations = 3, time = 1)
    public PrivateKey unitMaskKeyRecovery(Secret s) throws SecAggException {
        PrivateKey key = KeyPairs.privateKey(Shamir.combine(s.keyShares, s.t));
        if (!MessageDigest.isEqual(KeyPairs.derivePublic(key), s.advertised)) throw new SecAggException("advert");
        return key;
    }
}
