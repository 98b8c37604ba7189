package io.fedmq.protocol.secagg;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The node-side rule that keeps secure aggregation secure: for any one peer in one round, reveal shares of
 * its self-mask seed (the peer survived) or of its mask key (the peer dropped), never both. With both, the
 * orchestrator could strip every mask from that peer's upload and read it alone.
 *
 * <p>Asking again for the kind already given is allowed (a retransmission after a reconnect reveals
 * nothing new). A request is checked as a whole before anything is recorded, so a refused request leaves
 * no trace. Thread-safe.
 */
public final class UnmaskGuard {
    /** The two kinds of share a node holds for each neighbour. */
    public enum Kind {
        /** A share of the peer's self-mask seed: revealed when the peer's upload is in the sum. */
        SELF_SEED,
        /** A share of the peer's mask private key: revealed when the peer dropped before uploading. */
        MASK_KEY
    }

    private final TreeMap<Long, Map<String, Kind>> revealed = new TreeMap<>();

    /**
     * Checks and records an unmask request.
     *
     * @param survived peers whose self-seed shares are asked for
     * @param dropped  peers whose mask-key shares are asked for
     * @return the kind to reveal for each listed peer
     * @throws SecAggException a peer is listed as both survived and dropped, or the request asks for the
     *                         other kind than was already revealed for a peer in this round
     */
    public synchronized Map<String, Kind> authorize(long round, Collection<String> survived, Collection<String> dropped)
            throws SecAggException {
        Set<String> s = new HashSet<>(survived);
        for (String d : dropped) {
            if (s.contains(d)) throw new SecAggException("round " + round + ": peer " + d + " is listed as both survived and dropped");
        }
        Map<String, Kind> past = revealed.getOrDefault(round, Map.of());
        Map<String, Kind> decision = new LinkedHashMap<>();
        for (String p : survived) decision.put(p, Kind.SELF_SEED);
        for (String p : dropped) decision.put(p, Kind.MASK_KEY);
        for (Map.Entry<String, Kind> e : decision.entrySet()) {
            Kind before = past.get(e.getKey());
            if (before != null && before != e.getValue()) {
                throw new SecAggException("round " + round + ": already revealed the " + describe(before) + " share of "
                        + e.getKey() + "; refusing its " + describe(e.getValue()) + " share");
            }
        }
        revealed.computeIfAbsent(round, r -> new HashMap<>()).putAll(decision);
        return Map.copyOf(decision);
    }

    /** What was revealed for {@code peer} in {@code round}, if anything. */
    public synchronized Optional<Kind> revealed(long round, String peer) {
        return Optional.ofNullable(revealed.getOrDefault(round, Map.of()).get(peer));
    }

    /**
     * Drops the records of rounds before {@code round}. Call it only once the node has discarded those
     * rounds' shares: a forgotten round must never be answered again.
     */
    public synchronized void forgetRoundsBefore(long round) {
        revealed.headMap(round).clear();
    }

    private static String describe(Kind k) { return k == Kind.SELF_SEED ? "self-seed" : "mask-key"; }
}
