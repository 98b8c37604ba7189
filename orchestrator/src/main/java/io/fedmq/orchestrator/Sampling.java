package io.fedmq.orchestrator;

/**
 * Which share of the online nodes a round selects: {@code ceil(fraction * online)}, never fewer than the
 * configured minimum and never more than {@code maxNodes}. Who is selected is the {@link Sampler}'s business:
 * the nodes that have had the least of their fair share go first.
 *
 * @param fraction  the share of online nodes to select, in (0, 1]
 * @param maxNodes  the most nodes one round selects
 * @param seed      breaks ties between equally deserving nodes; the same seed and the same fleet history give
 *                  the same selections, so a run can be replayed
 */
public record Sampling(double fraction, int maxNodes, long seed) {
    /** Every online node, every round. */
    public static final Sampling ALL = new Sampling(1.0, Integer.MAX_VALUE, 0);

    public Sampling {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        if (maxNodes < 1) throw new IllegalArgumentException("maxNodes must be >= 1, got " + maxNodes);
    }

    /** With seed 0: for callers that do not care how ties are broken, only that it is reproducible. */
    public Sampling(double fraction, int maxNodes) { this(fraction, maxNodes, 0); }

    /** How many of {@code online} nodes a round selects, given the fewest it must. */
    public int size(int online, int minNodes) {
        // 0.07 * 100 is 7.000000000000001 in binary floating point; without the nudge ceil would say 8.
        int n = (int) Math.ceil(fraction * online - 1e-9);
        return Math.min(online, Math.min(maxNodes, Math.max(minNodes, n)));
    }
}
