package io.fedmq.learning;

/**
 * One labelled example of any task: a surname, a sensor reading, an image. A {@link TaskModel} reads only the
 * {@link #input()} its own task knows; the rest of fedmq (partitioning, training loops, evaluation) needs no more
 * than the label, so it is written once for every task.
 */
public interface Labelled {
    /** What the network reads: a {@code String} surname, a {@code float[]} feature vector, a {@code byte[]} image. */
    Object input();

    /** The index of the class in the model's label list. */
    int label();
}
