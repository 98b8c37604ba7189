package io.fedmq.protocol.secagg;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A complete SecAgg+ round in memory: real keys, shares, ciphers and masks, no transport. The orchestrator's
 * part is written out here; each node's part is a {@link SimulatedNode}. Tests prove the protocol with it,
 * and benchmarks time it.
 *
 * <p>The round, with the set of nodes still taking part after each stage:
 * <ol>
 * <li>advertise keys (U1): two X25519 public keys per node; the graph is built over U1 with a seed hashed
 *     from the adverts, so no party picks it;</li>
 * <li>share keys (U2): each node sends each neighbour, encrypted, a share of its self-mask seed and one of
 *     its mask private key, and the orchestrator a commitment to its self-mask seed;</li>
 * <li>masked input (U3): each node uploads its masked vector, with pairwise masks only for the neighbours
 *     whose shares reached it (those in U2); the orchestrator sums the uploads;</li>
 * <li>unmask: each responding node gets, for its neighbours, the survivors (in U3) and the dropped
 *     (in U2 but not U3), and reveals self-seed shares for the first and mask-key shares for the second.
 *     The orchestrator rebuilds every survivor's self seed (checked against its commitment) and every
 *     dropped neighbour's mask key (checked against its advert), removes those masks and is left with the
 *     exact sum over U3.</li>
 * </ol>
 * A node missing a stage is left out of the later ones. If any seed or key that must be rebuilt has fewer
 * than t shares, the round aborts with a {@link SecAggException} naming the node: never a partial sum.
 */
public final class SecAggSimulation {
    /** The stage a node drops out before (it takes part in every stage until then). */
    public enum Dropout {
        NONE, BEFORE_ADVERTISE, BEFORE_SHARE_KEYS, BEFORE_MASKED_INPUT, BEFORE_UNMASK
    }

    /**
     * A round's outcome.
     *
     * @param sum         the unmasked sum of the encoded vectors of {@code summed}, mod 2^bits (copied)
     * @param summed      the nodes whose uploads are in the sum (U3)
     * @param graph       the neighbour graph over U1
     * @param threshold   the Shamir threshold used
     * @param serverNanos the orchestrator's own time from the first upload to the unmasked sum
     */
    public record Result(long[] sum, SortedSet<String> summed, NeighbourGraph graph, int threshold, long serverNanos) {
        public Result {
            sum = sum.clone();
            summed = Collections.unmodifiableSortedSet(new TreeSet<>(summed));
        }

        @Override
        public long[] sum() { return sum.clone(); }
    }

    private SecAggSimulation() {}

    /**
     * Runs one round.
     *
     * @param encoded  each node's encoded vector (all the same length, values in [0, 2^bits))
     * @param dropouts when each node drops; absent means {@link Dropout#NONE}
     * @param k        the requested degree of the neighbour graph; the threshold is floor(degree/2) + 1
     * @param random   the source of every key, seed and share
     */
    public static Result run(long round, SortedMap<String, long[]> encoded, Map<String, Dropout> dropouts, int k, int bits,
            SecureRandom random) throws SecAggException {
        return run(round, encoded, dropouts, k, bits, random, graph -> {});
    }

    /** As above; {@code onGraph} sees the graph as soon as it is built, so a test can check an abort's cause. */
    static Result run(long round, SortedMap<String, long[]> encoded, Map<String, Dropout> dropouts, int k, int bits,
            SecureRandom random, Consumer<NeighbourGraph> onGraph) throws SecAggException {
        MaskGenerator.checkBits(bits);
        int length = encoded.isEmpty() ? 0 : encoded.values().iterator().next().length;
        Map<String, SimulatedNode> nodes = new TreeMap<>();
        for (Map.Entry<String, long[]> e : encoded.entrySet()) {
            if (e.getValue().length != length) throw new IllegalArgumentException("encoded vectors differ in length");
            nodes.put(e.getKey(), new SimulatedNode(e.getKey(), round, e.getValue(), bits, random));
        }

        // 1. Advertise keys.
        Map<String, SimulatedNode.Advert> adverts = new TreeMap<>();
        for (SimulatedNode n : nodes.values()) {
            if (!droppedBefore(dropouts, n.id(), Dropout.BEFORE_ADVERTISE)) adverts.put(n.id(), n.advertise());
        }
        if (adverts.size() < 2) throw new SecAggException("round " + round + ": " + adverts.size() + " node(s) advertised keys, need 2");
        NeighbourGraph graph = NeighbourGraph.build(new ArrayList<>(adverts.keySet()), k, graphSeed(round, adverts));
        onGraph.accept(graph);
        int t = graph.threshold();

        // 2. Share keys; the orchestrator forwards each ciphertext to its recipient if that one is still in.
        Map<String, SimulatedNode.Shares> outgoing = new TreeMap<>();
        for (String id : adverts.keySet()) {
            if (!droppedBefore(dropouts, id, Dropout.BEFORE_SHARE_KEYS)) outgoing.put(id, nodes.get(id).shareKeys(graph, adverts, t));
        }
        Set<String> u2 = outgoing.keySet();
        outgoing.forEach((from, shares) -> shares.ciphertexts().forEach((to, ct) -> {
            if (u2.contains(to)) nodes.get(to).receive(from, ct);
        }));

        // 3. Masked input.
        SortedSet<String> u3 = new TreeSet<>();
        long[] sum = new long[length];
        long serverNanos = 0;
        for (String id : u2) {
            if (droppedBefore(dropouts, id, Dropout.BEFORE_MASKED_INPUT)) continue;
            long[] masked = nodes.get(id).maskedInput();
            long start = System.nanoTime();
            Masking.addInto(sum, masked, bits);
            serverNanos += System.nanoTime() - start;
            u3.add(id);
        }
        if (u3.isEmpty()) throw new SecAggException("round " + round + ": no masked input arrived");

        // 4. Unmask: each responder is asked about its own neighbours only.
        Map<String, Map<Integer, byte[]>> seedShares = new TreeMap<>();
        Map<String, Map<Integer, byte[]>> keyShares = new TreeMap<>();
        for (String id : u3) {
            if (droppedBefore(dropouts, id, Dropout.BEFORE_UNMASK)) continue;
            Set<String> survived = new TreeSet<>();
            Set<String> dropped = new TreeSet<>();
            for (String peer : graph.neighbours(id)) {
                if (u3.contains(peer)) survived.add(peer);
                else if (u2.contains(peer)) dropped.add(peer);
            }
            Map<String, byte[]> answer = nodes.get(id).unmask(survived, dropped);
            int x = graph.index(id);
            answer.forEach((peer, share) ->
                    (survived.contains(peer) ? seedShares : keyShares).computeIfAbsent(peer, p -> new HashMap<>()).put(x, share));
        }
        long start = System.nanoTime();
        long[] result = unmask(round, sum, graph, t, u3, adverts, outgoing, seedShares, keyShares, bits);
        serverNanos += System.nanoTime() - start;
        return new Result(result, u3, graph, t, serverNanos);
    }

    /** The orchestrator's last step: rebuild seeds and keys, then strip the masks. */
    private static long[] unmask(long round, long[] sum, NeighbourGraph graph, int t, Set<String> u3,
            Map<String, SimulatedNode.Advert> adverts, Map<String, SimulatedNode.Shares> u2,
            Map<String, Map<Integer, byte[]>> seedShares, Map<String, Map<Integer, byte[]>> keyShares, int bits)
            throws SecAggException {
        List<byte[]> selfSeeds = new ArrayList<>();
        for (String id : u3) selfSeeds.add(rebuildSelfSeed(round, id, seedShares.get(id), t, u2.get(id).seedCommitment()));
        List<Masking.Correction> corrections = new ArrayList<>();
        for (String dropped : u2.keySet()) {
            if (u3.contains(dropped)) continue;
            List<String> maskedWith = new ArrayList<>();
            for (String peer : graph.neighbours(dropped)) if (u3.contains(peer)) maskedWith.add(peer);
            if (maskedWith.isEmpty()) continue; // nobody uploaded a mask for it: nothing to remove
            PrivateKey key = rebuildMaskKey(round, dropped, keyShares.get(dropped), t, adverts.get(dropped).maskKey());
            for (String peer : maskedWith) {
                byte[] shared = KeyPairs.agree(key, KeyPairs.publicKey(adverts.get(peer).maskKey()));
                corrections.add(new Masking.Correction(PairwiseSeeds.pairwiseSeed(shared, round), PairwiseSeeds.sign(peer, dropped)));
            }
        }
        return Masking.unmask(sum, selfSeeds, corrections, bits);
    }

    /** Rebuilds a survivor's self-mask seed and checks it against the commitment it sent with its shares. */
    static byte[] rebuildSelfSeed(long round, String id, Map<Integer, byte[]> shares, int t, byte[] commitment)
            throws SecAggException {
        byte[] seed = rebuild(round, "self-mask seed", id, shares, t);
        if (!MessageDigest.isEqual(Masking.selfSeedCommitment(round, id, seed), commitment)) {
            throw new SecAggException("round " + round + ": the self-mask seed rebuilt for " + id
                    + " does not match its commitment (a share was corrupted); aborting without a sum");
        }
        return seed;
    }

    /** Rebuilds a dropped node's mask private key and checks it against the public key it advertised. */
    static PrivateKey rebuildMaskKey(long round, String id, Map<Integer, byte[]> shares, int t, byte[] advertised)
            throws SecAggException {
        PrivateKey key = KeyPairs.privateKey(rebuild(round, "mask key", id, shares, t));
        if (!MessageDigest.isEqual(KeyPairs.derivePublic(key), advertised)) {
            throw new SecAggException("round " + round + ": the mask key rebuilt for " + id
                    + " does not match its advertised key (a share was corrupted); aborting without a sum");
        }
        return key;
    }

    private static byte[] rebuild(long round, String what, String id, Map<Integer, byte[]> shares, int t) throws SecAggException {
        int have = shares == null ? 0 : shares.size();
        if (have < t) {
            throw new SecAggException("round " + round + ": cannot recover the " + what + " of " + id + ": " + have
                    + " of its neighbours answered, threshold is " + t + "; aborting without a sum");
        }
        try {
            return Shamir.combine(shares, t);
        } catch (SecAggException e) {
            throw new SecAggException("round " + round + ": cannot recover the " + what + " of " + id + ": " + e.getMessage(), e);
        }
    }

    private static boolean droppedBefore(Map<String, Dropout> dropouts, String id, Dropout stage) {
        Dropout d = dropouts.getOrDefault(id, Dropout.NONE);
        return d != Dropout.NONE && d.ordinal() <= stage.ordinal();
    }

    /** SHA-256 over the round and every advert, in id order: public, and fixed only once U1 is. */
    private static byte[] graphSeed(long round, Map<String, SimulatedNode.Advert> adverts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Bytes.round(round));
            for (Map.Entry<String, SimulatedNode.Advert> e : adverts.entrySet()) {
                sha.update(Bytes.framed(Bytes.utf8(e.getKey()), e.getValue().encryptionKey(), e.getValue().maskKey()));
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }
}
