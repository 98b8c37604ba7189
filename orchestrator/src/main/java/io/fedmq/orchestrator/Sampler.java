package io.fedmq.orchestrator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Picks the nodes of each round from those online, fairly over rounds. A fleet of Pis is not a pool of
 * interchangeable workers: each holds different data, so a node that is never picked is data the model never
 * sees, and a node picked every round is a household's CPU and power spent more than its share.
 *
 * <p>Each node keeps a balance. Every round, each online node earns its fair share of the round (selected /
 * online) and each selected node pays one. The highest balances go first; among equal balances the node selected
 * least recently goes first, and what is still tied is ordered by a shuffle seeded from {@link Sampling#seed()} and
 * the round, so low ids are not favoured and a run can be replayed. With a steady fleet this is exactly
 * least-selected-first: selection counts never differ by more than one.
 *
 * <p>Nodes come and go, and the balance is what keeps that fair without a backlog:
 * <ul>
 *   <li>A node earns only in rounds it is online. One back from a week offline is not owed that week: it returns
 *       with the balance it left with, takes its normal turn, and cannot crowd the others out to catch up. Over a
 *       whole run it is selected in proportion to the time it was there.
 *   <li>A newcomer starts at zero, where its peers hover (balances sum to about zero and stay within about one
 *       selection of it), so it joins the rotation within a turn: not starved, and no head start either.
 * </ul>
 *
 * <p>The balances live in memory: a restarted orchestrator starts everyone at zero. Not thread-safe; the round
 * thread owns it.
 */
final class Sampler {
    /**
     * Balances are counted in millionths of a selection. Integer sums do not depend on the order of the
     * additions, so nodes with the same history tie exactly, as floating-point balances would not. The rounding of
     * a share (at most a millionth per round) is the same for every online node and so shifts no one's turn.
     */
    private static final long ONE = 1_000_000;

    private final Sampling sampling;
    private final int minNodes;
    private final Map<String, Standing> standings = new HashMap<>();

    /** One node's place in the rotation. */
    private static final class Standing {
        long balance;
        long lastSelected; // 0: never
    }

    Sampler(Sampling sampling, int minNodes) {
        this.sampling = sampling;
        this.minNodes = minNodes;
    }

    /** Selects the nodes of {@code round} from {@code online} and records the choice; the result is sorted by id. */
    List<String> select(long round, List<String> online) {
        List<String> candidates = online.stream().distinct().sorted().toList();
        if (candidates.isEmpty()) return List.of();
        int n = sampling.size(candidates.size(), minNodes);

        List<String> order = shuffled(candidates, round);
        // Stable: what balance and recency leave tied keeps the shuffled order.
        order.sort(Comparator.comparingLong((String id) -> -standing(id).balance).thenComparingLong(id -> standing(id).lastSelected));
        List<String> selected = order.subList(0, n).stream().sorted().toList();

        long share = n * ONE / candidates.size();
        for (String id : candidates) standing(id).balance += share;
        for (String id : selected) {
            Standing s = standing(id);
            s.balance -= ONE;
            s.lastSelected = round;
        }
        return selected;
    }

    private Standing standing(String id) { return standings.computeIfAbsent(id, k -> new Standing()); }

    /** Fisher-Yates with a generator seeded from the configured seed and the round: reproducible, and fresh each round. */
    private List<String> shuffled(List<String> sortedIds, long round) {
        List<String> out = new ArrayList<>(sortedIds);
        SplittableRandom random = new SplittableRandom(sampling.seed() * 0x9E3779B97F4A7C15L + round);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            out.set(j, out.set(i, out.get(j)));
        }
        return out;
    }
}
