package io.fedmq.protocol.secagg;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One node's side of a SecAgg+ round, in memory, for {@link SecAggSimulation}: the same steps an edge node
 * takes, minus the transport. Holds the round's secrets and never hands them out except as the protocol
 * allows.
 */
final class SimulatedNode {
    /** What a node advertises: its two raw X25519 public keys. */
    record Advert(byte[] encryptionKey, byte[] maskKey) {}

    /** What a node sends in the share-keys stage: the commitment to its self seed, and a ciphertext per neighbour. */
    record Shares(byte[] seedCommitment, Map<String, byte[]> ciphertexts) {}

    private final String id;
    private final long round;
    private final long[] encoded;
    private final int bits;
    private final SecureRandom random;
    private final UnmaskGuard guard = new UnmaskGuard();
    private KeyPair encryptionPair;
    private KeyPair maskPair;
    private Map<String, Advert> adverts;
    private byte[] selfSeed;
    private final Map<String, byte[]> encryptionSecrets = new HashMap<>(); // per peer, computed once per round
    private final Map<String, byte[]> inbox = new TreeMap<>();              // encrypted shares, by sender

    SimulatedNode(String id, long round, long[] encoded, int bits, SecureRandom random) {
        this.id = id;
        this.round = round;
        this.encoded = encoded;
        this.bits = bits;
        this.random = random;
    }

    String id() { return id; }

    Advert advertise() {
        encryptionPair = KeyPairs.generate(random);
        maskPair = KeyPairs.generate(random);
        return new Advert(KeyPairs.publicBytes(encryptionPair.getPublic()), KeyPairs.publicBytes(maskPair.getPublic()));
    }

    /**
     * Draws this round's self-mask seed and sends every neighbour, encrypted for it alone, one share of
     * that seed and one of the mask private key.
     */
    Shares shareKeys(NeighbourGraph graph, Map<String, Advert> adverts, int threshold) throws SecAggException {
        this.adverts = adverts;
        selfSeed = new byte[32];
        random.nextBytes(selfSeed);
        List<String> peers = new ArrayList<>(graph.neighbours(id));
        List<Integer> xs = new ArrayList<>();
        for (String p : peers) xs.add(graph.index(p));
        Map<Integer, byte[]> seedShares = Shamir.split(selfSeed, threshold, xs, random);
        Map<Integer, byte[]> keyShares = Shamir.split(KeyPairs.privateBytes(maskPair.getPrivate()), threshold, xs, random);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String p : peers) {
            int x = graph.index(p);
            byte[] plain = new byte[2 * Shamir.SHARE_LENGTH];
            System.arraycopy(seedShares.get(x), 0, plain, 0, Shamir.SHARE_LENGTH);
            System.arraycopy(keyShares.get(x), 0, plain, Shamir.SHARE_LENGTH, Shamir.SHARE_LENGTH);
            out.put(p, ShareCipher.encrypt(encryptionSecret(p), round, id, p, plain));
        }
        return new Shares(Masking.selfSeedCommitment(round, id, selfSeed), out);
    }

    /** The orchestrator delivers a neighbour's encrypted shares for this node. */
    void receive(String from, byte[] ciphertext) { inbox.put(from, ciphertext); }

    /** The masked input, with a pairwise mask for every neighbour whose shares arrived (so still in the round). */
    long[] maskedInput() throws SecAggException {
        Map<String, byte[]> seeds = new HashMap<>();
        for (String peer : inbox.keySet()) {
            PublicKey theirs = KeyPairs.publicKey(adverts.get(peer).maskKey());
            seeds.put(peer, PairwiseSeeds.pairwiseSeed(KeyPairs.agree(maskPair.getPrivate(), theirs), round));
        }
        return Masking.mask(encoded, selfSeed, seeds, id, bits);
    }

    /**
     * Answers an unmask request: one share per listed peer, of the kind {@link UnmaskGuard} allows.
     *
     * @return share by peer
     */
    Map<String, byte[]> unmask(Set<String> survived, Set<String> dropped) throws SecAggException {
        Map<String, UnmaskGuard.Kind> kinds = guard.authorize(round, survived, dropped);
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, UnmaskGuard.Kind> e : kinds.entrySet()) {
            String peer = e.getKey();
            byte[] ciphertext = inbox.get(peer);
            if (ciphertext == null) throw new SecAggException(id + " holds no shares from " + peer + " in round " + round);
            byte[] plain = ShareCipher.decrypt(encryptionSecret(peer), round, peer, id, ciphertext);
            if (plain.length != 2 * Shamir.SHARE_LENGTH) throw new SecAggException("shares from " + peer + " have the wrong length");
            int from = e.getValue() == UnmaskGuard.Kind.SELF_SEED ? 0 : Shamir.SHARE_LENGTH;
            out.put(peer, java.util.Arrays.copyOfRange(plain, from, from + Shamir.SHARE_LENGTH));
        }
        return out;
    }

    private byte[] encryptionSecret(String peer) throws SecAggException {
        byte[] s = encryptionSecrets.get(peer);
        if (s == null) {
            s = KeyPairs.agree(encryptionPair.getPrivate(), KeyPairs.publicKey(adverts.get(peer).encryptionKey()));
            encryptionSecrets.put(peer, s);
        }
        return s;
    }
}
