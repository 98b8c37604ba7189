package io.fedmq.node;

import io.fedmq.protocol.Blob;
import io.fedmq.protocol.EncryptedShares;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.KeyRoster;
import io.fedmq.protocol.MaskedInput;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.SecAggParams;
import io.fedmq.protocol.ShareBundle;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.UnmaskRequest;
import io.fedmq.protocol.UnmaskShares;
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
import io.fedmq.protocol.secagg.UnmaskGuard;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of SecAgg+: advertise keys, share them with its neighbours, send its masked update, and
 * answer the unmask request, each step as soon as what it needs has arrived (the round state, the roster,
 * the share bundle and the trained update may come in any order). Its update only ever leaves masked.
 * It never reveals both kinds of share for one peer ({@link UnmaskGuard}). Confined to one thread.
 */
final class SecAggClient {
    private static final Logger log = LoggerFactory.getLogger(SecAggClient.class);

    private final String me;
    private final Topics topics;
    private final Transport transport;
    private final WireCodec codec;
    private final SecureRandom random = new SecureRandom();
    private final UnmaskGuard guard = new UnmaskGuard();
    private Session session;

    SecAggClient(String me, Topics topics, Transport transport, WireCodec codec) {
        this.me = me;
        this.topics = topics;
        this.transport = transport;
        this.codec = codec;
    }

    /** One round's secrets and progress. Dropped as soon as a newer round starts. */
    private static final class Session {
        final long round;
        final KeyPair encryption, masking;
        final byte[] selfSeed = new byte[32];
        SecAggParams params;
        KeyRoster roster;
        NeighbourGraph graph;
        boolean shared, masked, unmasked;
        final Map<String, byte[]> sharePairs = new HashMap<>(); // neighbour -> my shares of its secrets
        List<String> sharing;                                  // U2
        Learner.TrainOutcome trained;
        long trainedFrom;
        UnmaskRequest unmask;

        Session(long round, SecureRandom random) {
            this.round = round;
            this.encryption = KeyPairs.generate(random);
            this.masking = KeyPairs.generate(random);
            random.nextBytes(selfSeed);
        }
    }

    /** A round state that selects this node, in a secure round. */
    void onRound(RoundState s) throws TransportException {
        if (session == null || s.round() > session.round) {
            if (s.phase() != Phase.TRAINING) return; // joined too late for this round
            session = new Session(s.round(), random);
            guard.forgetRoundsBefore(s.round());
            publish(Stage.KEYS, new KeyAdvertisement(s.round(), me, Blob.of(KeyPairs.publicBytes(session.encryption.getPublic())),
                    Blob.of(KeyPairs.publicBytes(session.masking.getPublic()))));
        }
        if (s.round() != session.round) return;
        // Only the SHARING state carries the final t and k, fixed once the roster is known; the TRAINING
        // state's are provisional. Sharing under provisional ones would split secrets with the wrong t.
        if (s.phase() != Phase.TRAINING) session.params = s.secAgg();
        if (s.phase() == Phase.MASKING) session.sharing = s.selected();
        advance();
    }

    void onRoster(KeyRoster r) throws TransportException {
        if (current(r.round())) {
            session.roster = r;
            advance();
        }
    }

    void onBundle(ShareBundle b) throws TransportException {
        if (!current(b.round()) || !b.recipient().equals(me)) return;
        if (session.graph == null) {
            log.warn("share bundle for round {} before the roster: ignored", b.round());
            return;
        }
        for (var e : b.bySender().entrySet()) {
            String from = e.getKey();
            if (!session.graph.neighbours(me).contains(from)) {
                log.warn("round {}: ignored shares from {}, not a neighbour", b.round(), from);
                continue;
            }
            try {
                byte[] secret = KeyPairs.agree(session.encryption.getPrivate(), KeyPairs.publicKey(keysOf(from).encryptionKey().toArray()));
                session.sharePairs.put(from, ShareCipher.decrypt(secret, b.round(), from, me, e.getValue().toArray()));
            } catch (SecAggException ex) {
                log.warn("round {}: shares from {} do not decrypt: {}", b.round(), from, ex.getMessage());
            }
        }
        advance();
    }

    void onUnmaskRequest(UnmaskRequest u) throws TransportException {
        if (current(u.round())) {
            session.unmask = u;
            advance();
        }
    }

    void onTrained(long round, long modelVersion, Learner.TrainOutcome outcome) throws TransportException {
        if (current(round)) {
            session.trained = outcome;
            session.trainedFrom = modelVersion;
            advance();
        }
    }

    private boolean current(long round) { return session != null && session.round == round; }

    /** Takes every step whose inputs are here, in protocol order. */
    private void advance() throws TransportException {
        Session s = session;
        try {
            if (!s.shared && s.roster != null && s.params != null && s.roster.nodeIds().contains(me)) shareKeys(s);
            if (s.shared && !s.masked && s.trained != null && s.sharing != null && s.sharing.contains(me)) sendMasked(s);
            if (s.masked && !s.unmasked && s.unmask != null) answerUnmask(s);
        } catch (SecAggException | IllegalArgumentException e) {
            log.error("round {}: secure aggregation step refused: {}", s.round, e.getMessage());
            s.shared = s.masked = s.unmasked = true; // take no further part in this round
        }
    }

    private void shareKeys(Session s) throws SecAggException, TransportException {
        KeyAdvertisement mine = keysOf(me);
        if (!mine.encryptionKey().equals(Blob.of(KeyPairs.publicBytes(s.encryption.getPublic())))
                || !mine.maskingKey().equals(Blob.of(KeyPairs.publicBytes(s.masking.getPublic())))) {
            throw new SecAggException("the roster carries other keys for this node than it advertised");
        }
        s.graph = SecAggRound.graph(s.roster, s.params.degree());
        List<String> neighbours = new ArrayList<>(s.graph.neighbours(me));
        List<Integer> xs = neighbours.stream().map(n -> SecAggRound.shareX(s.graph, n)).toList();
        int t = s.params.threshold();
        Map<Integer, byte[]> seedShares = Shamir.split(s.selfSeed, t, xs, random);
        Map<Integer, byte[]> keyShares = Shamir.split(KeyPairs.privateBytes(s.masking.getPrivate()), t, xs, random);
        Map<String, Blob> out = new TreeMap<>();
        for (String v : neighbours) {
            int x = SecAggRound.shareX(s.graph, v);
            byte[] secret = KeyPairs.agree(s.encryption.getPrivate(), KeyPairs.publicKey(keysOf(v).encryptionKey().toArray()));
            out.put(v, Blob.of(ShareCipher.encrypt(secret, s.round, me, v, SecAggRound.sharePair(seedShares.get(x), keyShares.get(x)))));
        }
        s.shared = true;
        publish(Stage.SHARES, new EncryptedShares(s.round, me, Blob.of(Masking.selfSeedCommitment(s.round, me, s.selfSeed)), out));
    }

    private void sendMasked(Session s) throws SecAggException, TransportException {
        SecAggParams p = s.params;
        if (s.sharing.size() < p.threshold()) throw new SecAggException(s.sharing.size() + " nodes shared keys, fewer than t = " + p.threshold());
        Quantizer q = new Quantizer(p.quantBits(), p.modulusBits(), p.clip(), p.maxWeight());
        // Rounding noise is hidden by the masks and needs no cryptographic strength: a fast generator seeded from
        // SecureRandom is ~40x faster here (385 ms -> 9 ms for 1M values, BENCHMARKS.md).
        long[] encoded = q.encode(s.trained.delta(), s.trained.numExamples(), new java.util.SplittableRandom(random.nextLong()));
        Map<String, byte[]> pairwise = new HashMap<>();
        for (String v : s.graph.neighbours(me)) {
            if (!s.sharing.contains(v)) continue; // a neighbour that never shared keys is not in anyone's sum
            byte[] secret = KeyPairs.agree(s.masking.getPrivate(), KeyPairs.publicKey(keysOf(v).maskingKey().toArray()));
            pairwise.put(v, PairwiseSeeds.pairwiseSeed(secret, s.round));
        }
        long[] masked = Masking.mask(encoded, s.selfSeed, pairwise, me, p.modulusBits());
        double loss = s.trained.loss();
        s.masked = true;
        s.trained = null; // the plain update is not kept once it is masked
        publish(Stage.MASKED, new MaskedInput(s.round, me, s.trainedFrom, p.modulusBits(), masked.length, loss,
                Blob.of(BitPacking.pack(masked, p.modulusBits()))));
    }

    private void answerUnmask(Session s) throws SecAggException, TransportException {
        UnmaskRequest u = s.unmask;
        if (u.survivors().size() < s.params.threshold()) {
            throw new SecAggException(u.survivors().size() + " survivors is fewer than t = " + s.params.threshold() + ": refusing to unmask");
        }
        Set<String> neighbours = s.graph.neighbours(me);
        List<String> survived = u.survivors().stream().filter(neighbours::contains).filter(s.sharePairs::containsKey).toList();
        List<String> dropped = u.dropped().stream().filter(neighbours::contains).filter(s.sharePairs::containsKey).toList();
        Map<String, UnmaskGuard.Kind> decision = guard.authorize(s.round, survived, dropped);
        Map<String, Blob> seeds = new TreeMap<>(), keys = new TreeMap<>();
        for (var e : decision.entrySet()) {
            byte[] pair = s.sharePairs.get(e.getKey());
            if (e.getValue() == UnmaskGuard.Kind.SELF_SEED) seeds.put(e.getKey(), Blob.of(SecAggRound.selfSeedShare(pair)));
            else keys.put(e.getKey(), Blob.of(SecAggRound.keyShare(pair)));
        }
        s.unmasked = true;
        publish(Stage.UNMASK, new UnmaskShares(s.round, me, seeds, keys));
    }

    private KeyAdvertisement keysOf(String node) throws SecAggException {
        for (KeyAdvertisement k : session.roster.keys()) if (k.nodeId().equals(node)) return k;
        throw new SecAggException("no keys for " + node + " in the roster");
    }

    private void publish(Stage stage, io.fedmq.protocol.NodeMessage m) throws TransportException {
        transport.publish(topics.nodeStage(m.round(), stage, me), codec.encode(m), false);
    }

    /** For tests: whether this node still holds its plain update for the current round. */
    boolean holdsPlainUpdate() { return session != null && session.trained != null; }
}
