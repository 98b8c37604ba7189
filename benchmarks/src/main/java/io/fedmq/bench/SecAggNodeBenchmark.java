package io.fedmq.bench;

import io.fedmq.protocol.Blob;
import io.fedmq.protocol.EncryptedShares;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.MaskedInput;
import io.fedmq.protocol.SecAggParams;
import io.fedmq.protocol.ShareBundle;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.secagg.BitPacking;
import io.fedmq.protocol.secagg.KeyPairs;
import io.fedmq.protocol.secagg.Masking;
import io.fedmq.protocol.secagg.NeighbourGraph;
import io.fedmq.protocol.secagg.PairwiseSeeds;
import io.fedmq.protocol.secagg.Quantizer;
import io.fedmq.protocol.secagg.SecAggException;
import io.fedmq.protocol.secagg.SecAggRound;
import io.fedmq.protocol.secagg.Shamir;
import io.fedmq.protocol.secagg.ShareCipher;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One edge node's SecAgg+ cost per round, step by step as {@code SecAggClient} does it, with the product's classes:
 *
 * <ul>
 * <li>{@link #keys}: two X25519 key pairs and the self-mask seed (the Session constructor), and the KeyAdvertisement.</li>
 * <li>{@link #shares}: {@code shareKeys} after the graph: Shamir split of the 32-byte self seed and of the mask key
 *     to the k neighbours, then per neighbour one X25519 agreement and one AES-GCM encryption (HKDF inside), and the
 *     commitment.</li>
 * <li>{@link #bundle}: {@code onBundle}: the k incoming ciphertexts, each one more X25519 agreement (the client does not
 *     keep the first) and an AES-GCM decryption. Not in the brief's three phases but the node pays it every round.</li>
 * <li>{@link #graph}: {@code SecAggRound.graph(roster, k)}, which every node computes over the whole roster.</li>
 * <li>{@link #masking}: {@code sendMasked}: Quantizer.encode of the d floats (with the client's SplittableRandom, seeded from SecureRandom, for the
 *     stochastic rounding, as the product does), one X25519 agreement and pairwise seed per neighbour,
 *     Masking.mask (k + 1 AES-CTR streams of d + 1 values), BitPacking.pack.</li>
 * <li>{@code unit*}: the parts of masking alone, for where the time goes; {@link #unitEncodeSplittableRandom} is a
 *     what-if (a fast generator, as Quantizer's javadoc allows), not what the product does.</li>
 * </ul>
 *
 * <p>k takes the degrees NeighbourGraph.Params.choose gives for n in {10, 100, 1000} and dropout in {0, 0.1, 0.3}
 * (deduplicated): 8 (n=10, p=0), 9 (n=10, p=0.1 and 0.3: complete graph), 14, 34, 99 (n=100; 99 is complete),
 * 20, 38, 212 (n=1000). The node's fleet for a k is the first (n, dropout) giving it; its neighbours' keys are real and
 * prepared in setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SecAggNodeBenchmark {
    static final String[] K_VALUES = {"8", "9", "14", "20", "34", "38", "99", "212"};

    @State(Scope.Benchmark)
    public static class Keys {
        final SecureRandom random = new SecureRandom(); // SecAggClient's
    }

    @Benchmark
    public KeyAdvertisement keys(Keys s, Blackhole bh) {
        KeyPair encryption = KeyPairs.generate(s.random);
        KeyPair masking = KeyPairs.generate(s.random);
        byte[] selfSeed = new byte[32];
        s.random.nextBytes(selfSeed);
        bh.consume(encryption);
        bh.consume(masking);
        bh.consume(selfSeed);
        return new KeyAdvertisement(SecAggFleet.ROUND, "node-1", Blob.of(KeyPairs.publicBytes(encryption.getPublic())),
                Blob.of(KeyPairs.publicBytes(masking.getPublic())));
    }

    /** One node of the fleet whose degree is k, with its neighbours' real keys. */
    @State(Scope.Benchmark)
    public static class Node {
        @Param({"8", "9", "14", "20", "34", "38", "99", "212"})
        int k;

        SecAggFleet fleet;
        String me;
        NeighbourGraph graph;
        SecAggParams params;
        byte[] selfSeed;
        ShareBundle bundle;
        final SecureRandom random = new SecureRandom(); // SecAggClient's

        @Setup(Level.Trial)
        public void setUp() throws SecAggException {
            double[] fleetSpec = SecAggFleet.fleetFor(k);
            fleet = SecAggFleet.create((int) fleetSpec[0], fleetSpec[1]);
            me = fleet.survivors.get(0);
            graph = fleet.graph;
            params = fleet.params;
            if (graph.neighbours(me).size() != k) throw new IllegalStateException("degree " + graph.neighbours(me).size() + " != " + k);
            selfSeed = fleet.selfSeeds.get(me);
            bundle = bundleFor(fleet, me);

            // The shares this node sends decrypt at the recipient and t of them rebuild its self seed.
            EncryptedShares out = shareKeys(fleet, me, random);
            Map<Integer, byte[]> got = new HashMap<>();
            for (var e : out.byRecipient().entrySet()) {
                String v = e.getKey();
                byte[] secret = KeyPairs.agree(fleet.encryptionKeys.get(v).getPrivate(), KeyPairs.publicKey(fleet.keysOf(me).encryptionKey().toArray()));
                byte[] pair = ShareCipher.decrypt(secret, SecAggFleet.ROUND, me, v, e.getValue().toArray());
                got.put(SecAggRound.shareX(graph, v), SecAggRound.selfSeedShare(pair));
            }
            if (out.byRecipient().size() != k || !Arrays.equals(Shamir.combine(got, params.threshold()), selfSeed)) {
                throw new IllegalStateException("shares do not rebuild the self seed");
            }
            if (openBundle(fleet, me, bundle).size() != k) throw new IllegalStateException("bundle did not decrypt");
        }
    }

    /** SecAggClient.shareKeys from the Shamir split on (the graph is {@link #graph}). */
    @Benchmark
    public EncryptedShares shares(Node s) throws SecAggException {
        return shareKeys(s.fleet, s.me, s.random);
    }

    /**
     * SecAggClient.shareKeys, from the Shamir split on, for node {@code me} of the fleet (its keys and self seed).
     * Also used by {@link WireSizes} for the message size.
     */
    static EncryptedShares shareKeys(SecAggFleet f, String me, SecureRandom random) throws SecAggException {
        NeighbourGraph graph = f.graph;
        KeyPair encryption = f.encryptionKeys.get(me);
        KeyPair masking = f.maskingKeys.get(me);
        byte[] selfSeed = f.selfSeeds.get(me);
        List<String> neighbours = new ArrayList<>(graph.neighbours(me));
        List<Integer> xs = neighbours.stream().map(n -> SecAggRound.shareX(graph, n)).toList();
        int t = f.params.threshold();
        Map<Integer, byte[]> seedShares = Shamir.split(selfSeed, t, xs, random);
        Map<Integer, byte[]> keyShares = Shamir.split(KeyPairs.privateBytes(masking.getPrivate()), t, xs, random);
        Map<String, Blob> out = new TreeMap<>();
        for (String v : neighbours) {
            int x = SecAggRound.shareX(graph, v);
            byte[] secret = KeyPairs.agree(encryption.getPrivate(), KeyPairs.publicKey(f.keysOf(v).encryptionKey().toArray()));
            out.put(v, Blob.of(ShareCipher.encrypt(secret, SecAggFleet.ROUND, me, v, SecAggRound.sharePair(seedShares.get(x), keyShares.get(x)))));
        }
        return new EncryptedShares(SecAggFleet.ROUND, me, Blob.of(Masking.selfSeedCommitment(SecAggFleet.ROUND, me, selfSeed)), out);
    }

    /** SecAggClient.onBundle: agree with and decrypt each neighbour's ciphertext. */
    @Benchmark
    public Map<String, byte[]> bundle(Node s) throws SecAggException {
        return openBundle(s.fleet, s.me, s.bundle);
    }

    static Map<String, byte[]> openBundle(SecAggFleet f, String me, ShareBundle bundle) throws SecAggException {
        KeyPair encryption = f.encryptionKeys.get(me);
        Map<String, byte[]> sharePairs = new HashMap<>();
        for (var e : bundle.bySender().entrySet()) {
            String from = e.getKey();
            if (!f.graph.neighbours(me).contains(from)) continue;
            byte[] secret = KeyPairs.agree(encryption.getPrivate(), KeyPairs.publicKey(f.keysOf(from).encryptionKey().toArray()));
            sharePairs.put(from, ShareCipher.decrypt(secret, SecAggFleet.ROUND, from, me, e.getValue().toArray()));
        }
        return sharePairs;
    }

    /**
     * The ShareBundle the orchestrator relays to {@code me}: from each neighbour, its shares for me (of its own
     * secrets, split with the round's t) in AES-GCM under the pair's encryption-key agreement.
     */
    static ShareBundle bundleFor(SecAggFleet f, String me) throws SecAggException {
        SecureRandom r = SecAggFleet.seededRandom(71);
        int t = f.params.threshold();
        Map<String, Blob> bySender = new TreeMap<>();
        int myX = SecAggRound.shareX(f.graph, me);
        for (String v : f.graph.neighbours(me)) {
            List<Integer> xs = new ArrayList<>();
            xs.add(myX);
            for (String w : f.graph.neighbours(v)) if (xs.size() < t && !w.equals(me)) xs.add(SecAggRound.shareX(f.graph, w));
            Map<Integer, byte[]> seedShares = Shamir.split(f.selfSeeds.get(v), t, xs, r);
            Map<Integer, byte[]> keyShares = Shamir.split(KeyPairs.privateBytes(f.maskingKeys.get(v).getPrivate()), t, xs, r);
            byte[] secret = KeyPairs.agree(f.encryptionKeys.get(v).getPrivate(), KeyPairs.publicKey(f.keysOf(me).encryptionKey().toArray()));
            bySender.put(v, Blob.of(ShareCipher.encrypt(secret, SecAggFleet.ROUND, v, me, SecAggRound.sharePair(seedShares.get(myX), keyShares.get(myX)))));
        }
        return new ShareBundle(SecAggFleet.ROUND, me, bySender);
    }

    /** SecAggRound.graph(roster, k): the hash of every advert, then the permuted Harary graph over the roster. */
    @Benchmark
    public NeighbourGraph graph(Node s) {
        return SecAggRound.graph(s.fleet.roster, s.params.degree());
    }

    /** The node with its update of d parameters. */
    @State(Scope.Benchmark)
    public static class Upload {
        @Param({"8", "9", "14", "20", "34", "38", "99", "212"})
        int k;

        @Param({"10000", "100000", "1000000"})
        int d;

        SecAggFleet fleet;
        String me;
        SecAggParams params;
        KeyPair masking;
        byte[] selfSeed;
        float[] delta;
        final long examples = 1000;
        final SecureRandom random = new SecureRandom(); // SecAggClient's: also its rounding randomness

        @Setup(Level.Trial)
        public void setUp() throws SecAggException {
            double[] fleetSpec = SecAggFleet.fleetFor(k);
            fleet = SecAggFleet.create((int) fleetSpec[0], fleetSpec[1]);
            me = fleet.survivors.get(0);
            params = fleet.params;
            masking = fleet.maskingKeys.get(me);
            selfSeed = fleet.selfSeeds.get(me);
            delta = new float[d];
            Random r = new Random(81);
            for (int i = 0; i < d; i++) delta[i] = (float) (0.05 * r.nextGaussian());

            // The packed upload unpacks to a vector from which the node's own masks remove exactly to its encoding.
            Quantizer q = new Quantizer(params.quantBits(), params.modulusBits(), params.clip(), params.maxWeight());
            long[] encoded = q.encode(delta, examples, new SplittableRandom(82));
            Map<String, byte[]> pairwise = new HashMap<>();
            List<Masking.Correction> undo = new ArrayList<>();
            for (String v : fleet.graph.neighbours(me)) {
                byte[] secret = KeyPairs.agree(masking.getPrivate(), KeyPairs.publicKey(fleet.keysOf(v).maskingKey().toArray()));
                byte[] seed = PairwiseSeeds.pairwiseSeed(secret, SecAggFleet.ROUND);
                pairwise.put(v, seed);
                undo.add(new Masking.Correction(seed, PairwiseSeeds.sign(me, v)));
            }
            if (pairwise.size() != k) throw new IllegalStateException("degree");
            byte[] packed = BitPacking.pack(Masking.mask(encoded, selfSeed, pairwise, me, params.modulusBits()), params.modulusBits());
            long[] back = Masking.unmask(BitPacking.unpack(packed, d + 1, params.modulusBits()), List.of(selfSeed), undo, params.modulusBits());
            if (!Arrays.equals(back, encoded)) throw new IllegalStateException("masking round trip failed");
        }
    }

    /** SecAggClient.sendMasked up to the packed bytes (the message is {@link #unitPublishMaskedInput}). */
    @Benchmark
    public byte[] masking(Upload s) throws SecAggException {
        SecAggParams p = s.params;
        Quantizer q = new Quantizer(p.quantBits(), p.modulusBits(), p.clip(), p.maxWeight());
        long[] encoded = q.encode(s.delta, s.examples, new SplittableRandom(s.random.nextLong())); // as SecAggClient rounds
        Map<String, byte[]> pairwise = new HashMap<>();
        for (String v : s.fleet.graph.neighbours(s.me)) {
            // every neighbour shared keys (s.sharing contains v): nodes drop later, if at all
            byte[] secret = KeyPairs.agree(s.masking.getPrivate(), KeyPairs.publicKey(s.fleet.keysOf(v).maskingKey().toArray()));
            pairwise.put(v, PairwiseSeeds.pairwiseSeed(secret, SecAggFleet.ROUND));
        }
        long[] masked = Masking.mask(encoded, s.selfSeed, pairwise, s.me, p.modulusBits());
        return BitPacking.pack(masked, p.modulusBits());
    }

    // ---------------------------------------------------------------- parts of masking, by d

    @State(Scope.Benchmark)
    public static class Vector {
        @Param({"10000", "100000", "1000000"})
        int d;

        Quantizer quantizer;
        float[] delta;
        long[] masked;
        byte[] packed;
        final SecureRandom secure = new SecureRandom();
        SplittableRandom fast;
        final WireCodec codec = new WireCodec();

        @Setup(Level.Trial)
        public void setUp() {
            quantizer = Quantizer.forNodes(100, SecAggFleet.CLIP, SecAggFleet.MAX_WEIGHT, SecAggFleet.TARGET_BITS);
            delta = new float[d];
            Random r = new Random(91);
            for (int i = 0; i < d; i++) delta[i] = (float) (0.05 * r.nextGaussian());
            masked = new long[d + 1];
            for (int i = 0; i <= d; i++) masked[i] = r.nextInt(1 << quantizer.modulusBits());
            packed = BitPacking.pack(masked, quantizer.modulusBits());
            fast = new SplittableRandom(secure.nextLong());
        }
    }

    /** Quantizer.encode as the product calls it: stochastic rounding drawn from the client's SecureRandom. */
    @Benchmark
    public long[] unitEncodeSecureRandom(Vector v) {
        return v.quantizer.encode(v.delta, 1000, v.secure);
    }

    /** What-if, not the product: the same with a SplittableRandom seeded from SecureRandom. */
    @Benchmark
    public long[] unitEncodeSplittableRandom(Vector v) {
        return v.quantizer.encode(v.delta, 1000, v.fast);
    }

    @Benchmark
    public byte[] unitPack(Vector v) {
        return BitPacking.pack(v.masked, v.quantizer.modulusBits());
    }

    /** After masking, SecAggClient publishes: Blob.of (a copy), the MaskedInput record, WireCodec.encode. */
    @Benchmark
    public byte[] unitPublishMaskedInput(Vector v) {
        return v.codec.encode(new MaskedInput(SecAggFleet.ROUND, "node-1", SecAggFleet.MODEL_VERSION, v.quantizer.modulusBits(),
                v.d + 1, 0.5, Blob.of(v.packed)));
    }
}
