package io.fedmq.learning;

import io.fedmq.protocol.ModelSpec;
import java.util.Comparator;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A learning task: its name in {@link ModelSpec#task()}, the networks it builds from a spec, and how its inputs
 * become tensors. A network is a pure function of the spec and a seed, so the orchestrator and every node rebuild
 * the same shape from the spec alone; the input encoding is fixed by the task, never derived from one node's data,
 * so that no node's data can change the network.
 *
 * <p>The implementations are {@link Tasks#SURNAMES}, {@link Tasks#OCCUPANCY} and {@link Tasks#FASHION}; where the
 * examples come from (files, the built-in lists, the home simulator) is the data sources' business, not the task's.
 */
public interface Task {
    /** Every task's optimizer starts with Adam at this step size, until a training plan sets its own. */
    double INITIAL_LEARNING_RATE = 0.01;

    /** The name in {@link ModelSpec#task()}. */
    String name();

    /** The architectures this task can build, the default first. */
    List<String> architectures();

    /** The class names a new model of this task has when they do not come from the data, or null when they do. */
    default List<String> fixedLabels() {
        return null;
    }

    /**
     * The network {@code spec} names, with initial weights drawn from {@code seed}.
     *
     * @throws IllegalArgumentException when the spec is not one of this task's
     */
    MultiLayerConfiguration network(ModelSpec spec, long seed);

    /**
     * The network input for a batch of raw inputs (what {@link Labelled#input()} returns).
     *
     * @throws IllegalArgumentException when an input is not of this task's kind or shape, naming what was expected
     */
    Encoded encode(ModelSpec spec, List<?> inputs);

    /** The order that wastes least work when evaluating in batches, or null when it does not matter. */
    default Comparator<Labelled> evaluationOrder() {
        return null;
    }

    /** A spec of this task: checks the architecture, naming the known ones when it is not. */
    default ModelSpec spec(String architecture, List<String> labels) {
        ModelSpec spec = new ModelSpec(name(), architecture, labels);
        Tasks.check(spec);
        return spec;
    }

    /**
     * An encoded batch.
     *
     * @param features the network input
     * @param mask     which time steps are real, for sequence inputs; null when every input is whole
     */
    record Encoded(INDArray features, INDArray mask) {}
}
