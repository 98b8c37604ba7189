package io.fedmq.app;

import io.fedmq.learning.DatasetException;
import io.fedmq.learning.Partitioner;
import io.fedmq.learning.Shard;
import io.fedmq.learning.SurnameCorpus;
import io.fedmq.protocol.ModelSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Surnames: the built-in lists or a tutorial folder, split non-IID over the fleet by language. */
record SurnameData(SurnameCorpus corpus, ModelSpec spec, List<Shard<?>> shards, String source, int nodes, double alpha, String shardName)
        implements TaskData {

    /** Every node's share ({@code index} null) or node {@code index}'s. */
    static SurnameData load(TaskOptions task, int nodes, double alpha, Integer index) throws DatasetException {
        SurnameCorpus corpus = task.corpus();
        ModelSpec spec = task.spec(corpus);
        Partitioner split = Partitioner.dirichlet(alpha);
        List<Shard<?>> shards = List.copyOf(index == null ? split.split(corpus, nodes, task.seed)
                : List.of(split.shard(corpus, index, nodes, task.seed)));
        return new SurnameData(corpus, spec, shards, task.data == null ? "built-in lists" : task.data.toString(), nodes, alpha,
                index == null ? null : (index + 1) + "/" + nodes);
    }

    @Override
    public void describe(PrintStream out) {
        out.printf(Locale.ROOT, "Data: %d surnames in %d languages (%s), split non-IID over %d nodes (Dirichlet alpha %.2f), 80/20 train/test on each node%n",
                corpus.examples().size(), corpus.labels().size(), source, nodes, alpha);
        for (Shard<?> s : shards) {
            out.printf(Locale.ROOT, "  node-%d: %4d train, %3d test; %s%n", s.nodeIndex() + 1, s.train().size(), s.test().size(),
                    topLabels(s, corpus.labels()));
        }
    }

    @Override
    public String summary() {
        Shard<?> s = shards.get(0);
        return s.train().size() + " training and " + s.test().size() + " held-out surnames (shard " + shardName + ")";
    }

    /** "mostly Polish 40%, Czech 21%, Dutch 9%": what a node's share is rich in. */
    static String topLabels(Shard<?> s, List<String> labels) {
        int[] counts = new int[labels.size()];
        s.train().forEach(e -> counts[e.label()]++);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) order.add(i);
        order.sort((a, b) -> counts[b] - counts[a]);
        StringBuilder sb = new StringBuilder("mostly ");
        for (int k = 0; k < Math.min(3, order.size()); k++) {
            int i = order.get(k);
            if (k > 0) sb.append(", ");
            sb.append(labels.get(i)).append(String.format(Locale.ROOT, " %.0f%%", 100.0 * counts[i] / Math.max(1, s.train().size())));
        }
        return sb.toString();
    }
}
