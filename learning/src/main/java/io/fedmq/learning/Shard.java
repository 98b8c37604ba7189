package io.fedmq.learning;

import java.util.List;

/**
 * One node's share of the data, split into what it trains on and what it keeps to test candidate models.
 *
 * @param nodeIndex which node, from 0
 * @param train     its training examples
 * @param test      its held-out examples, never trained on
 * @param <E>       the task's kind of example: surnames, sensor readings, images
 */
public record Shard<E extends Labelled>(int nodeIndex, List<E> train, List<E> test) {
    public Shard {
        if (nodeIndex < 0) throw new IllegalArgumentException("nodeIndex must be >= 0, got " + nodeIndex);
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** Every example of the shard, train then test. */
    public List<E> all() {
        return java.util.stream.Stream.concat(train.stream(), test.stream()).toList();
    }
}
