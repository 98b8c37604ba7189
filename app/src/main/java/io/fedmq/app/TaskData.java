package io.fedmq.app;

import io.fedmq.learning.DatasetException;
import io.fedmq.learning.Shard;
import io.fedmq.learning.Tasks;
import io.fedmq.protocol.ModelSpec;
import java.io.PrintStream;
import java.util.List;

/**
 * A task's data as the demo or one node holds it: the spec of the model the fleet trains on it, and the shards of
 * the nodes in this process (all of them in the demo, one in a node). Each task finds its data its own way:
 * {@link SurnameData} splits a corpus, {@link OccupancyData} reads a home's sensor log or simulates homes,
 * {@link FashionData} splits IDX images.
 */
sealed interface TaskData permits SurnameData, OccupancyData, FashionData {
    /** The spec of a new model for this data. */
    ModelSpec spec();

    /** The shards of the nodes in this process, in node order. */
    List<Shard<?>> shards();

    /** The demo's description of the data: a "Data:" line, then one line per node. */
    void describe(PrintStream out);

    /** The node's console line about its own data, e.g. "120 training and 30 held-out surnames (shard 1/4)". */
    String summary();

    /** Every node's data of the demo's fleet of {@code nodes}. */
    static TaskData forDemo(TaskOptions task, DataOptions data, int nodes, double alpha) throws DatasetException {
        if (task.task() == Tasks.OCCUPANCY) return OccupancyData.simulated(task, data, nodes, List.of());
        if (task.task() == Tasks.FASHION) return FashionData.load(task, data, nodes, alpha, null);
        return SurnameData.load(task, nodes, alpha, null);
    }

    /** The data of node {@code index} (from 0) of {@code nodes}. */
    static TaskData forNode(TaskOptions task, DataOptions data, int index, int nodes, double alpha) throws DatasetException {
        if (task.task() == Tasks.OCCUPANCY) {
            if (task.data == null) return OccupancyData.simulated(task, data, nodes, List.of(index));
            if (nodes != 1) throw new IllegalArgumentException("--shard: a sensor log is one home's data, all of it this node's; --shard picks a simulated home");
            return OccupancyData.fromLog(task, data, index);
        }
        if (task.task() == Tasks.FASHION) return FashionData.load(task, data, nodes, alpha, index);
        return SurnameData.load(task, nodes, alpha, index);
    }
}
