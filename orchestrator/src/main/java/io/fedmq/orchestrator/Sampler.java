package io.fedmq.orchestrator;

import java.util.List;

/** Picks the nodes of each round from those online. */
final class Sampler {
    private final Sampling sampling;
    private final int minNodes;

    Sampler(Sampling sampling, int minNodes) {
        this.sampling = sampling;
        this.minNodes = minNodes;
    }

    /** The selected nodes, sorted by id. */
    List<String> select(long round, List<String> online) {
        int n = (int) Math.ceil(sampling.fraction() * online.size());
        n = Math.min(online.size(), Math.min(sampling.maxNodes(), Math.max(minNodes, n)));
        return online.stream().sorted().limit(n).toList();
    }
}
