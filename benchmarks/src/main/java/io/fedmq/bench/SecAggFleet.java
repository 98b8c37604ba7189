package io.fedmq.bench;

import io.fedmq.protocol.Blob;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.KeyRoster;
import io.fedmq.protocol.SecAggParams;
import io.fedmq.protocol.UnmaskShares;
import io.fedmq.protocol.secagg.KeyPairs;
import io.fedmq.protocol.secagg.Masking;
import io.fedmq.protocol.secagg.NeighbourGraph;
import io.fedmq.protocol.secagg.PairwiseSeeds;
import io.fedmq.protocol.secagg.Quantizer;
import io.fedmq.protocol.secagg.SecAggException;
import io.fedmq.protocol.secagg.SecAggRound;
import io.fedmq.protocol.secagg.Shamir;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * One SecAgg+ round's fleet, built only with the product's classes: n nodes ("node-1" .. "node-n", as the demo
 * names them) with real X25519 key pairs, the {@link KeyRoster} they advertise, the (k, t) the orchestrator picks
 * ({@link NeighbourGraph.Params#choose} with the round's dropout rate), the graph {@link SecAggRound#graph} derives
 * from the roster, and which nodes drop out after sharing keys (the expensive case: their mask keys must be
 * rebuilt and their pairwise masks removed).
 *
 * <p>Deterministic for a seed (the keys come from a seeded SHA1PRNG, the dropped set from a seeded shuffle), so
 * the benchmarks, {@link WireSizes} and {@link SecAggExtrapolation} all see the same graph and dropped set.
 * Nothing here is protocol logic of its own: the node-side steps mirror {@code SecAggClient} call for call.
 */
final class SecAggFleet {
    static final long ROUND = 7;
    static final long MODEL_VERSION = 3;
    /** {@code SecureAggregationConfig.DEFAULT}: clip 1.0, maxWeight 4096, targetBits 24. */
    static final double CLIP = 1.0;
    static final long MAX_WEIGHT = 4096;
    static final int TARGET_BITS = 24;
    static final long SEED = 20261122L;

    /** The fleets of the brief: n in {10, 100, 1000}, dropout in {0, 0.1, 0.3}. */
    static final int[] FLEET_SIZES = {10, 100, 1000};
    static final double[] DROPOUTS = {0.0, 0.1, 0.3};

    final int n;
    final double dropout;
    final NeighbourGraph.Params choice;
    /** The orchestrator's quantizer: {@code Quantizer.forNodes(selected, clip, maxWeight, targetBits)}. */
    final Quantizer quantizer;
    /** What the round announces; a node builds its quantizer from this. */
    final SecAggParams params;
    final List<String> ids;
    final Map<String, KeyPair> encryptionKeys = new HashMap<>();
    final Map<String, KeyPair> maskingKeys = new HashMap<>();
    final Map<String, byte[]> selfSeeds = new HashMap<>();
    final KeyRoster roster;
    final NeighbourGraph graph;
    /** U3 (uploaded) and U2 \ U3 (shared keys, then dropped), sorted. Everyone is in U2. */
    final List<String> survivors;
    final List<String> dropped;
    private final SecureRandom random;

    private SecAggFleet(int n, double dropout, long seed) {
        this.n = n;
        this.dropout = dropout;
        this.random = seededRandom(seed);
        this.choice = NeighbourGraph.Params.choose(n, dropout);
        this.quantizer = Quantizer.forNodes(n, CLIP, MAX_WEIGHT, TARGET_BITS);
        this.params = new SecAggParams(choice.threshold(), choice.k(), quantizer.modulusBits(), quantizer.quantBits(),
                quantizer.clip(), quantizer.maxWeight());
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) names.add("node-" + i);
        Collections.sort(names); // the roster is sorted by id
        this.ids = List.copyOf(names);
        List<KeyAdvertisement> adverts = new ArrayList<>();
        for (String id : ids) {
            KeyPair e = KeyPairs.generate(random);
            KeyPair m = KeyPairs.generate(random);
            encryptionKeys.put(id, e);
            maskingKeys.put(id, m);
            byte[] s = new byte[32];
            random.nextBytes(s);
            selfSeeds.put(id, s);
            adverts.add(new KeyAdvertisement(ROUND, id, Blob.of(KeyPairs.publicBytes(e.getPublic())),
                    Blob.of(KeyPairs.publicBytes(m.getPublic()))));
        }
        this.roster = new KeyRoster(ROUND, adverts);
        this.graph = SecAggRound.graph(roster, params.degree());
        if (graph.threshold() != params.threshold()) {
            throw new IllegalStateException("graph threshold " + graph.threshold() + " != announced " + params.threshold());
        }
        List<List<String>> split = chooseDropped(seed);
        this.survivors = split.get(0);
        this.dropped = split.get(1);
    }

    static SecAggFleet create(int n, double dropout) {
        return new SecAggFleet(n, dropout, SEED);
    }

    static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed); // before first use: the stream is then fully determined by the seed
            return r;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * round(n * dropout) nodes, picked by a seeded shuffle, drop after sharing keys. Redrawn (rarely) until every
     * survivor's self seed and every dropped node's mask key has t surviving neighbours, i.e. until the round
     * completes instead of aborting: an aborted round is not the cost being measured.
     */
    private List<List<String>> chooseDropped(long seed) {
        int count = (int) Math.round(n * dropout);
        Random shuffle = new Random(seed);
        for (int attempt = 0; attempt < 1000; attempt++) {
            List<String> order = new ArrayList<>(ids);
            Collections.shuffle(order, shuffle);
            Set<String> gone = new HashSet<>(order.subList(0, count));
            boolean ok = true;
            for (String id : ids) {
                int alive = 0;
                for (String v : graph.neighbours(id)) if (!gone.contains(v)) alive++;
                if (alive < params.threshold()) ok = false;
            }
            if (ok) {
                List<String> s = new ArrayList<>(), d = new ArrayList<>();
                for (String id : ids) (gone.contains(id) ? d : s).add(id);
                return List.of(List.copyOf(s), List.copyOf(d));
            }
        }
        throw new IllegalStateException("no recoverable dropout pattern for n=" + n + ", dropout=" + dropout);
    }

    int k() { return params.degree(); }

    int t() { return params.threshold(); }

    /** (dropped node, surviving neighbour) pairs: one agreement and one mask stream each at the orchestrator. */
    long corrections() {
        Set<String> alive = new HashSet<>(survivors);
        long c = 0;
        for (String d : dropped) for (String v : graph.neighbours(d)) if (alive.contains(v)) c++;
        return c;
    }

    List<String> survivingNeighbours(String id) {
        Set<String> alive = new HashSet<>(survivors);
        List<String> out = new ArrayList<>();
        for (String v : graph.neighbours(id)) if (alive.contains(v)) out.add(v);
        return out;
    }

    /** Mirrors {@code SecAggClient.keysOf}: a linear scan of the roster. */
    KeyAdvertisement keysOf(String node) throws SecAggException {
        for (KeyAdvertisement k : roster.keys()) if (k.nodeId().equals(node)) return k;
        throw new SecAggException("no keys for " + node + " in the roster");
    }

    /** Every sharing node's self-seed commitment, as the orchestrator keeps them from EncryptedShares. */
    Map<String, Blob> commitments() {
        Map<String, Blob> out = new TreeMap<>();
        for (String id : ids) out.put(id, Blob.of(Masking.selfSeedCommitment(ROUND, id, selfSeeds.get(id))));
        return out;
    }

    /**
     * Each survivor's answer to the unmask request: its Shamir shares of its surviving neighbours' self seeds and
     * of its dropped neighbours' mask keys ({@code SecAggClient.answerUnmask}). The secrets are split with
     * {@link Shamir#split} over the holders that will answer (the product splits over all k neighbours; the shares
     * the survivors hold are the same kind of field element either way).
     */
    List<UnmaskShares> unmaskAnswers() {
        Map<String, Map<String, Blob>> seeds = new TreeMap<>(), keys = new TreeMap<>();
        for (String h : survivors) {
            seeds.put(h, new TreeMap<>());
            keys.put(h, new TreeMap<>());
        }
        for (String v : ids) {
            List<String> holders = survivingNeighbours(v);
            List<Integer> xs = holders.stream().map(h -> SecAggRound.shareX(graph, h)).toList();
            boolean survived = !dropped.contains(v);
            byte[] secret = survived ? selfSeeds.get(v) : KeyPairs.privateBytes(maskingKeys.get(v).getPrivate());
            Map<Integer, byte[]> shares = Shamir.split(secret, t(), xs, random);
            for (String h : holders) (survived ? seeds : keys).get(h).put(v, Blob.of(shares.get(SecAggRound.shareX(graph, h))));
        }
        List<UnmaskShares> out = new ArrayList<>();
        for (String h : survivors) out.add(new UnmaskShares(ROUND, h, seeds.get(h), keys.get(h)));
        return out;
    }

    /**
     * A node's masked input before packing, exactly as {@code SecAggClient.sendMasked} computes it: one X25519
     * agreement and pairwise seed per neighbour in U2 (everyone: nodes drop after sharing keys), then
     * {@link Masking#mask}.
     */
    long[] maskedInput(String me, long[] encoded) throws SecAggException {
        Map<String, byte[]> pairwise = new HashMap<>();
        for (String v : graph.neighbours(me)) {
            byte[] secret = KeyPairs.agree(maskingKeys.get(me).getPrivate(), KeyPairs.publicKey(keysOf(v).maskingKey().toArray()));
            pairwise.put(v, PairwiseSeeds.pairwiseSeed(secret, ROUND));
        }
        return Masking.mask(encoded, selfSeeds.get(me), pairwise, me, params.modulusBits());
    }

    /** The first fleet of the brief whose (n, dropout) gives degree k: the node benchmarks' fleet for that k. */
    static double[] fleetFor(int k) {
        for (int n : FLEET_SIZES) {
            for (double p : DROPOUTS) if (NeighbourGraph.Params.choose(n, p).k() == k) return new double[] {n, p};
        }
        throw new IllegalArgumentException("no fleet of n in {10,100,1000} x dropout in {0,0.1,0.3} uses k=" + k);
    }
}
