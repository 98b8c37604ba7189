package io.fedmq.protocol.secagg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The SecAgg+ communication graph (Bell et al. 2020): each node exchanges keys and shares with, and masks
 * against, only its k neighbours instead of everyone, so a round costs O(k) per node instead of O(n).
 *
 * <p>The graph is the Harary graph H(k, n), a circulant in which the node at ring position i is adjacent to
 * positions i +- 1 .. i +- k/2 (plus i + n/2 when k is odd), laid over a pseudo-random permutation of the
 * nodes. H(k, n) is k-regular and k-connected, the most connected graph of its degree. The permutation
 * comes from a public seed through AES-CTR, so every node and the orchestrator compute the same graph; it
 * keeps anyone from placing an id of their choice next to a victim. Fix the seed only once the node set is
 * (for example a hash of the advertised keys), so that it cannot be chosen against the node set either.
 * When {@code k >= n - 1} it is the complete graph, i.e. plain SecAgg (Bonawitz et al. 2017).
 */
public final class NeighbourGraph {
    private static final byte[] INFO = Bytes.utf8("fedmq/secagg/neighbour-graph");

    private final List<String> ids;               // sorted; index + 1 is the Shamir x-coordinate
    private final Map<String, Integer> indexOf;
    private final Map<String, SortedSet<String>> neighbours;
    private final int degree;

    private NeighbourGraph(List<String> ids, Map<String, SortedSet<String>> neighbours, int degree) {
        this.ids = ids;
        this.neighbours = neighbours;
        this.degree = degree;
        this.indexOf = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) indexOf.put(ids.get(i), i + 1);
    }

    /**
     * Builds the graph.
     *
     * @param sortedNodeIds the round's nodes, sorted and distinct
     * @param k             the degree; {@code k >= n - 1} gives the complete graph. An odd k needs an even n.
     * @param publicSeed    the seed of the permutation, known to everyone
     */
    public static NeighbourGraph build(List<String> sortedNodeIds, int k, byte[] publicSeed) {
        List<String> ids = List.copyOf(sortedNodeIds);
        int n = ids.size();
        if (n < 1) throw new IllegalArgumentException("a graph needs at least one node");
        for (int i = 1; i < n; i++) {
            if (ids.get(i - 1).compareTo(ids.get(i)) >= 0) throw new IllegalArgumentException("node ids must be sorted and distinct");
        }
        if (k < 1) throw new IllegalArgumentException("degree must be >= 1, got " + k);
        if (publicSeed == null || publicSeed.length == 0) throw new IllegalArgumentException("a public seed is required");
        Map<String, SortedSet<String>> adj = new HashMap<>();
        for (String id : ids) adj.put(id, new TreeSet<>());
        int degree;
        if (k >= n - 1) {
            degree = n - 1;
            for (String a : ids) for (String b : ids) if (!a.equals(b)) adj.get(a).add(b);
        } else {
            if (k % 2 == 1 && n % 2 == 1) throw new IllegalArgumentException("no " + k + "-regular graph on " + n + " nodes: k and n are both odd");
            degree = k;
            List<String> ring = permutation(ids, publicSeed);
            for (int i = 0; i < n; i++) {
                for (int j = 1; j <= k / 2; j++) link(adj, ring.get(i), ring.get((i + j) % n));
                if (k % 2 == 1) link(adj, ring.get(i), ring.get((i + n / 2) % n));
            }
        }
        Map<String, SortedSet<String>> frozen = new HashMap<>();
        adj.forEach((id, set) -> frozen.put(id, Collections.unmodifiableSortedSet(set)));
        return new NeighbourGraph(ids, frozen, degree);
    }

    /** The neighbours of {@code id}, sorted. */
    public Set<String> neighbours(String id) {
        SortedSet<String> s = neighbours.get(id);
        if (s == null) throw new IllegalArgumentException("unknown node " + id);
        return s;
    }

    /** Every node's degree: k, or n - 1 when complete. */
    public int degree() { return degree; }

    public boolean isComplete() { return degree == ids.size() - 1; }

    /** The nodes, sorted. */
    public List<String> nodes() { return ids; }

    /** The node's 1-based index in the sorted node list: the x-coordinate of the shares it holds. */
    public int index(String id) {
        Integer i = indexOf.get(id);
        if (i == null) throw new IllegalArgumentException("unknown node " + id);
        return i;
    }

    /** The threshold this graph's degree calls for: {@code floor(degree / 2) + 1} (see {@link Params}). */
    public int threshold() { return degree / 2 + 1; }

    private static void link(Map<String, SortedSet<String>> adj, String a, String b) {
        adj.get(a).add(b);
        adj.get(b).add(a);
    }

    /** Fisher-Yates driven by AES-CTR of a key derived from the seed: deterministic and unbiased. */
    private static List<String> permutation(List<String> ids, byte[] publicSeed) {
        Keystream stream = new Keystream(Hkdf.derive(publicSeed, null, INFO, 32));
        List<String> ring = new ArrayList<>(ids);
        for (int i = ring.size() - 1; i > 0; i--) Collections.swap(ring, i, stream.nextInt(i + 1));
        return ring;
    }

    /**
     * The degree k and Shamir threshold t for a round of n nodes, and why.
     *
     * <p>{@code t = floor(k/2) + 1}. Each neighbour of a node reveals only one kind of share for it (its
     * self-mask seed if it survived, its mask key if it dropped; see {@link UnmaskGuard}). Since 2t > k, the
     * orchestrator can never collect t shares of both for one node, which is what would unmask that node's
     * input alone.
     *
     * <p>{@code k} is the smallest even degree that satisfies two floors:
     * <ul>
     * <li>{@code k >= 2 * ceil(log2 n)} (Bell et al. show k = O(log n) suffices). The orchestrator learns the
     *     sum of a set of uploads only if the set is closed in the graph among the survivors, and every
     *     member needs t surviving neighbours to be unmasked, so even when an adversary picks who drops out,
     *     any sum it learns covers at least {@code t + 1 > log2(n) + 1} nodes. With random dropouts at rate
     *     {@code p < 1/2} the ring is cut only where k/2 consecutive nodes drop, and it takes two such cuts
     *     to split it; {@code n * p^(k/2) <= n^(1 + log2 p) < 1} cuts are expected.</li>
     * <li>recoverability: with each neighbour dropping independently at {@code dropoutRate}, the union bound
     *     {@code n * P[Binomial(k, 1 - dropoutRate) < t] <= 1e-6}, so that every node's seed and key can be
     *     rebuilt and the round does not abort.</li>
     * </ul>
     * When that k reaches n - 1 the graph is complete, {@code k = n - 1}, and {@code why} reports how far the
     * recoverability bound is then met.
     *
     * @param k         the degree
     * @param threshold t, the Shamir threshold
     * @param why       the reasoning with the numbers, for logs and the round announcement
     */
    public record Params(int k, int threshold, String why) {
        /** The bound on the probability that some node cannot be recovered. */
        public static final double FAILURE_BOUND = 1e-6;

        public Params {
            if (k < 1 || threshold < 1 || threshold > k) throw new IllegalArgumentException("need 1 <= threshold <= k, got k=" + k + ", t=" + threshold);
            if (why == null) throw new IllegalArgumentException("why is required");
        }

        /** Chooses k and t for {@code n >= 2} nodes and an expected dropout rate in [0, 0.5). */
        public static Params choose(int n, double dropoutRate) {
            if (n < 2) throw new IllegalArgumentException("secure aggregation needs at least 2 nodes, got " + n);
            if (!(dropoutRate >= 0 && dropoutRate < 0.5)) {
                throw new IllegalArgumentException("dropoutRate must be in [0, 0.5), got " + dropoutRate);
            }
            int logFloor = 2 * (32 - Integer.numberOfLeadingZeros(n - 1)); // 2 * ceil(log2 n)
            String head = String.format(Locale.ROOT, "n=%d, dropout=%.2f: ", n, dropoutRate);
            String tRule = "t = floor(k/2)+1 > k/2, so the orchestrator never gets t shares of both a node's self seed and its mask key";
            int k = smallestRecoverableEven(n, 1 - dropoutRate, Math.max(2, logFloor));
            if (k >= n - 1) {
                int kc = n - 1;
                int t = kc / 2 + 1;
                double bound = n * binomialCdfBelow(kc, 1 - dropoutRate, t);
                return new Params(kc, t, head + "complete graph, k=" + kc + ", t=" + t + " (no sparser even degree meets both floors); "
                        + tRule + "; n*P[Binomial(k, " + fmt(1 - dropoutRate) + ") < t] = "
                        + sci(bound) + (bound <= FAILURE_BOUND ? " <= 1e-6"
                                : " > 1e-6: too few nodes to meet the recoverability target at this dropout rate"));
            }
            int t = k / 2 + 1;
            return new Params(k, t, head + "k=" + k + ", t=" + t + "; k >= 2*ceil(log2 n) = " + logFloor
                    + " and the smallest even k with n*P[Binomial(k, " + fmt(1 - dropoutRate) + ") < t] = "
                    + sci(n * binomialCdfBelow(k, 1 - dropoutRate, t)) + " <= 1e-6 (every node recoverable); " + tRule);
        }

        /**
         * The smallest even k >= from with n * P[Binomial(k, p) <= k/2] <= 1e-6, or the first even k >= n - 1
         * if none is smaller. The probability falls as even k grows (p > 1/2), so gallop, then bisect:
         * O(k log k) even for a million nodes at a dropout rate near 1/2.
         */
        private static int smallestRecoverableEven(int n, double p, int from) {
            int cap = n - 1 + (n - 1) % 2; // the first even k >= n - 1
            if (from >= cap || ok(n, p, from)) return Math.min(from, cap);
            int lo = from; // fails
            int step = 2;
            int hi;
            while (true) {
                hi = (int) Math.min(cap, (long) lo + step);
                if (hi >= cap || ok(n, p, hi)) break;
                lo = hi;
                step *= 2;
            }
            while (hi - lo > 2) { // invariant: lo fails; hi succeeds or is the cap (complete graph anyway); both even
                int mid = lo + (hi - lo) / 4 * 2;
                if (ok(n, p, mid)) hi = mid; else lo = mid;
            }
            return hi;
        }

        private static boolean ok(int n, double p, int k) {
            return n * binomialCdfBelow(k, p, k / 2 + 1) <= FAILURE_BOUND;
        }

        /** P[Binomial(k, p) < t], summed in log space so that large k neither overflows nor underflows. */
        static double binomialCdfBelow(int k, double p, int t) {
            if (p >= 1) return t <= k ? 0 : 1;
            double lp = Math.log(p);
            double lq = Math.log1p(-p);
            double logChoose = 0; // log C(k, j)
            double sum = 0;
            for (int j = 0; j < t && j <= k; j++) {
                if (j > 0) logChoose += Math.log(k - j + 1) - Math.log(j);
                sum += Math.exp(logChoose + j * lp + (k - j) * lq);
            }
            return Math.min(1, sum);
        }

        private static String fmt(double v) { return String.format(Locale.ROOT, "%.2f", v); }

        private static String sci(double v) { return String.format(Locale.ROOT, "%.1e", v); }
    }
}
