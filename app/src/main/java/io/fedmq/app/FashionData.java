package io.fedmq.app;

import io.fedmq.learning.DatasetException;
import io.fedmq.learning.Partitioner;
import io.fedmq.learning.Shard;
import io.fedmq.learning.fashion.FashionMnist;
import io.fedmq.learning.fashion.FashionTask;
import io.fedmq.learning.fashion.ImageExample;
import io.fedmq.protocol.ModelSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Fashion-MNIST images from IDX files, split non-IID over the fleet by class, as the surnames are by language. */
record FashionData(ModelSpec spec, List<Shard<?>> shards, Path source, int images, int nodes, double alpha, String shardName)
        implements TaskData {

    /** Every node's share ({@code index} null) or node {@code index}'s. */
    static FashionData load(TaskOptions task, DataOptions options, int nodes, double alpha, Integer index) throws DatasetException {
        Path dir = task.data != null ? task.data : Path.of(FashionMnist.DEBIAN_DIR);
        List<ImageExample> images = FashionMnist.fromDirectory(dir, options.examples);
        List<Shard<ImageExample>> all = Partitioner.dirichlet(alpha).split(images, FashionTask.LABELS.size(), nodes, task.seed);
        List<Shard<?>> shards = List.copyOf(index == null ? all : List.of(all.get(index)));
        return new FashionData(task.task().spec(task.architecture(), FashionTask.LABELS), shards, dir, images.size(), nodes, alpha,
                index == null ? null : (index + 1) + "/" + nodes);
    }

    @Override
    public void describe(PrintStream out) {
        out.printf(Locale.ROOT, "Data: %d Fashion-MNIST images (%s), split non-IID over %d nodes (Dirichlet alpha %.2f), 80/20 train/test on each node%n",
                images, source, nodes, alpha);
        for (Shard<?> s : shards) {
            out.printf(Locale.ROOT, "  node-%d: %4d train, %3d test; %s%n", s.nodeIndex() + 1, s.train().size(), s.test().size(),
                    SurnameData.topLabels(s, spec.labels()));
        }
    }

    @Override
    public String summary() {
        Shard<?> s = shards.get(0);
        return s.train().size() + " training and " + s.test().size() + " held-out images (shard " + shardName + " of " + source + ")";
    }
}
