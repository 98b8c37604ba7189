package io.fedmq.orchestrator;

/**
 * Which share of the online nodes a round selects: {@code ceil(fraction * online)}, never fewer than the
 * configured minimum and never more than {@code maxNodes}.
 *
 * @param fraction  the share of online nodes to select, in (0, 1]
 * @param maxNodes  the most nodes one round selects
 */
public record Sampling(double fraction, int maxNodes) {
    public static final Sampling ALL = new Sampling(1.0, Integer.MAX_VALUE);

    public Sampling {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        if (maxNodes < 1) throw new IllegalArgumentException("maxNodes must be >= 1, got " + maxNodes);
    }
}
