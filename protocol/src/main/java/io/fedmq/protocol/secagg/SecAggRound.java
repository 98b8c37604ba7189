package io.fedmq.protocol.secagg;

import io.fedmq.protocol.Blob;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.KeyRoster;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What both sides of one SecAgg+ round over MQTT agree on: how the graph seed becomes bytes, how a share
 * travels inside its ciphertext, and how the orchestrator rebuilds what it is allowed to rebuild.
 */
public final class SecAggRound {
    private SecAggRound() {}

    /** Plaintext of one encrypted share: the recipient's share of the sender's self seed, then of its mask key. */
    public static final int SHARE_PAIR_LENGTH = 2 * Shamir.SHARE_LENGTH;

    /**
     * The neighbour graph of a round, built from the key roster alone: its seed is a hash of every advertised key,
     * so neither the orchestrator nor any node picks the graph, and every party computes the same one.
     */
    public static NeighbourGraph graph(KeyRoster roster, int degree) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Bytes.round(roster.round()));
            for (KeyAdvertisement k : roster.keys()) {
                sha.update(Bytes.framed(Bytes.utf8(k.nodeId()), k.encryptionKey().toArray(), k.maskingKey().toArray()));
            }
            return NeighbourGraph.build(roster.nodeIds(), degree, sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }

    /** The Shamir x-coordinate of the shares a node holds: its 1-based position in the sorted roster. */
    public static int shareX(NeighbourGraph graph, String holder) { return graph.index(holder); }

    public static byte[] sharePair(byte[] selfSeedShare, byte[] keyShare) {
        byte[] out = Arrays.copyOf(selfSeedShare, SHARE_PAIR_LENGTH);
        System.arraycopy(keyShare, 0, out, Shamir.SHARE_LENGTH, Shamir.SHARE_LENGTH);
        return out;
    }

    public static byte[] selfSeedShare(byte[] pair) throws SecAggException {
        checkPair(pair);
        return Arrays.copyOfRange(pair, 0, Shamir.SHARE_LENGTH);
    }

    public static byte[] keyShare(byte[] pair) throws SecAggException {
        checkPair(pair);
        return Arrays.copyOfRange(pair, Shamir.SHARE_LENGTH, SHARE_PAIR_LENGTH);
    }

    private static void checkPair(byte[] pair) throws SecAggException {
        if (pair.length != SHARE_PAIR_LENGTH) throw new SecAggException("a share pair is " + SHARE_PAIR_LENGTH + " bytes, got " + pair.length);
    }

    /**
     * The orchestrator's recovery of one round: collects unmasking shares from the survivors, then rebuilds
     * each survivor's self seed and each dropped node's mask key, checks them against what the nodes committed
     * to, and removes the masks from the sum.
     */
    public static final class Recovery {
        private final long round;
        private final NeighbourGraph graph;
        private final int threshold;
        private final Set<String> survivors;
        private final List<String> dropped;
        private final Map<String, Map<Integer, byte[]>> selfSeedShares = new HashMap<>();
        private final Map<String, Map<Integer, byte[]>> keyShares = new HashMap<>();

        public Recovery(long round, NeighbourGraph graph, int threshold, Collection<String> survivors, List<String> dropped) {
            this.round = round;
            this.graph = graph;
            this.threshold = threshold;
            this.survivors = Set.copyOf(survivors);
            this.dropped = List.copyOf(dropped);
        }

        /** Takes one survivor's answer; refuses shares it was not asked for or that cannot be its own. */
        public void add(String holder, Map<String, Blob> selfSeeds, Map<String, Blob> keys) throws SecAggException {
            Set<String> neighbours = graph.neighbours(holder);
            for (String peer : selfSeeds.keySet()) {
                if (!survivors.contains(peer) || !neighbours.contains(peer)) throw new SecAggException("unasked self-seed share for " + peer);
            }
            for (String peer : keys.keySet()) {
                if (!dropped.contains(peer) || !neighbours.contains(peer)) throw new SecAggException("unasked key share for " + peer);
            }
            int x = shareX(graph, holder);
            for (var e : selfSeeds.entrySet()) put(selfSeedShares, e.getKey(), x, e.getValue());
            for (var e : keys.entrySet()) put(keyShares, e.getKey(), x, e.getValue());
        }

        private static void put(Map<String, Map<Integer, byte[]>> into, String peer, int x, Blob share) throws SecAggException {
            if (share.size() != Shamir.SHARE_LENGTH) throw new SecAggException("a share is " + Shamir.SHARE_LENGTH + " bytes, got " + share.size());
            into.computeIfAbsent(peer, p -> new HashMap<>()).put(x, share.toArray());
        }

        /** True once every secret that must be rebuilt has t shares. */
        public boolean complete() {
            for (String s : survivors) if (selfSeedShares.getOrDefault(s, Map.of()).size() < threshold) return false;
            for (String d : dropped) if (keyShares.getOrDefault(d, Map.of()).size() < threshold) return false;
            return true;
        }

        /**
         * Removes every mask from {@code maskedSum} and returns the plain sum of the survivors' encoded vectors.
         *
         * @param maskingKeys  every roster node's advertised mask public key (raw)
         * @param commitments  every sharing node's self-seed commitment
         */
        public long[] unmask(long[] maskedSum, int bits, Map<String, byte[]> maskingKeys, Map<String, byte[]> commitments)
                throws SecAggException {
            List<byte[]> selfSeeds = new ArrayList<>();
            for (String s : survivors) {
                byte[] seed = Shamir.combine(shares(selfSeedShares, s, "self seed"), threshold);
                if (!MessageDigest.isEqual(Masking.selfSeedCommitment(round, s, seed), commitments.get(s))) {
                    throw new SecAggException("the self seed rebuilt for " + s + " does not match its commitment: a share was forged or damaged");
                }
                selfSeeds.add(seed);
            }
            List<Masking.Correction> corrections = new ArrayList<>();
            for (String d : dropped) {
                byte[] raw = Shamir.combine(shares(keyShares, d, "mask key"), threshold);
                PrivateKey key = KeyPairs.privateKey(raw);
                if (!MessageDigest.isEqual(KeyPairs.derivePublic(key), maskingKeys.get(d))) {
                    throw new SecAggException("the mask key rebuilt for " + d + " does not match its advertised key");
                }
                for (String u : graph.neighbours(d)) {
                    if (!survivors.contains(u)) continue; // pairs of two dropped nodes never entered the sum
                    byte[] shared = KeyPairs.agree(key, KeyPairs.publicKey(maskingKeys.get(u)));
                    corrections.add(new Masking.Correction(PairwiseSeeds.pairwiseSeed(shared, round), PairwiseSeeds.sign(u, d)));
                }
            }
            return Masking.unmask(maskedSum, selfSeeds, corrections, bits);
        }

        private Map<Integer, byte[]> shares(Map<String, Map<Integer, byte[]>> all, String node, String what) throws SecAggException {
            Map<Integer, byte[]> s = all.getOrDefault(node, Map.of());
            if (s.size() < threshold) {
                throw new SecAggException("only " + s.size() + " shares of " + node + "'s " + what + " arrived, need " + threshold);
            }
            return s;
        }
    }
}
