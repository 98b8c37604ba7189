package io.fedmq.learning;

import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One DL4J network for a {@link ModelSpec}: the only place where fedmq touches a network. Parameters go in
 * and out as flat float arrays in the network's own order, which is all federated averaging needs.
 *
 * <p>Not thread-safe: one per node. The optimizer's state (Adam's moments) lives here and survives
 * {@link #setParameters}, so a node keeps it across rounds while the weights come from the global model.
 */
public final class TaskModel {
    /** Evaluation batch: large for speed; the masks make the result independent of it. */
    private static final int EVAL_BATCH = 256;
    private static final double MIN_PROBABILITY = 1e-7;

    private final ModelSpec spec;
    private final Task task;
    private final MultiLayerNetwork net;
    private final int numLabels;
    private final Random shuffle;
    private double learningRate = SurnameModels.INITIAL_LEARNING_RATE;

    private TaskModel(ModelSpec spec, Task task, MultiLayerNetwork net, long seed) {
        this.spec = spec;
        this.task = task;
        this.net = net;
        this.numLabels = spec.labels().size();
        this.shuffle = new Random(seed);
    }

    /**
     * Builds the network {@code spec} names with initial weights drawn from {@code seed}.
     *
     * @throws IllegalArgumentException for a task or architecture this module does not know
     */
    public static TaskModel create(ModelSpec spec, long seed) {
        Objects.requireNonNull(spec, "spec");
        Task task = Tasks.of(spec);
        MultiLayerNetwork net = new MultiLayerNetwork(task.network(spec, seed));
        net.init();
        return new TaskModel(spec, task, net, seed);
    }

    public ModelSpec spec() {
        return spec;
    }

    public int parameterCount() {
        return Math.toIntExact(net.numParams());
    }

    /** A copy of all parameters, flattened in the network's order. */
    public float[] parameters() {
        // params() is a live view of the network's weights: copy before anyone averages or sends it.
        return net.params().dup().toFloatVector();
    }

    /**
     * Replaces all parameters (copied in); the optimizer's state is kept.
     *
     * @throws IllegalArgumentException when the length is not {@link #parameterCount()}
     */
    public void setParameters(float[] parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.length != parameterCount()) {
            throw new IllegalArgumentException("expected " + parameterCount() + " parameters for " + spec.architecture()
                    + " over " + numLabels + " labels, got " + parameters.length);
        }
        net.setParams(Nd4j.createFromArray(parameters.clone()).reshape(1, parameters.length));
    }

    /**
     * Trains on {@code train} for {@code plan.localEpochs()} epochs of shuffled minibatches (the order is
     * deterministic given the seed and the history of calls).
     *
     * <p>With {@code plan.proximalMu() > 0} this is FedProx's local solver (Li et al. 2020): the objective gains
     * {@code mu/2 * ||w - w_start||^2}, where {@code w_start} are the parameters at the start of this call (the
     * global model on a node). Its gradient {@code mu * (w - w_start)} is applied with the plan's learning rate after
     * every minibatch step, as a plain gradient step apart from Adam, so the pull does not depend on Adam's scaling
     * and leaves its moments alone. The returned loss is the data loss only, comparable with a FedAvg round's.
     *
     * @return the last epoch's mean loss and the number of examples
     */
    public FitResult fit(List<? extends Labelled> train, TrainingPlan plan) {
        Objects.requireNonNull(plan, "plan");
        if (train.isEmpty()) throw new IllegalArgumentException("nothing to train on");
        if (plan.learningRate() != learningRate) {
            net.setLearningRate(plan.learningRate()); // keeps Adam's moments, changes only the step size
            learningRate = plan.learningRate();
        }
        double pull = plan.learningRate() * plan.proximalMu(); // <= 1, checked by the plan
        // pull * w_start, computed once: each pull is then two in-place operations on the live weights.
        INDArray scaledStart = pull > 0 ? net.params().mul(pull) : null;
        List<Labelled> order = new ArrayList<>(train);
        double epochLoss = Double.NaN;
        for (int epoch = 0; epoch < plan.localEpochs(); epoch++) {
            java.util.Collections.shuffle(order, shuffle);
            double lossSum = 0;
            for (int from = 0; from < order.size(); from += plan.batchSize()) {
                List<Labelled> batch = order.subList(from, Math.min(order.size(), from + plan.batchSize()));
                net.fit(dataSet(batch));
                lossSum += net.score() * batch.size();
                if (scaledStart != null) pullTowards(scaledStart, pull);
            }
            epochLoss = lossSum / order.size();
        }
        return new FitResult(epochLoss, train.size());
    }

    /** {@code w -= pull * (w - w_start)}, written as {@code w = (1 - pull) * w + pull * w_start} on the live parameters. */
    private void pullTowards(INDArray scaledStart, double pull) {
        net.params().muli(1 - pull).addi(scaledStart);
    }

    /** Tests on {@code test}: mean cross-entropy and accuracy. Masked, so each example is judged on its own. */
    public Evaluation evaluate(List<? extends Labelled> test) {
        if (test.isEmpty()) return new Evaluation(0, Double.NaN, Double.NaN);
        List<Labelled> sorted = new ArrayList<>(test);
        if (task.evaluationOrder() != null) sorted.sort(task.evaluationOrder());
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < sorted.size(); from += EVAL_BATCH) {
            List<Labelled> batch = sorted.subList(from, Math.min(sorted.size(), from + EVAL_BATCH));
            float[][] probabilities = probabilities(batch.stream().map(Labelled::input).toList());
            for (int i = 0; i < batch.size(); i++) {
                int label = batch.get(i).label();
                if (label >= numLabels) throw new IllegalArgumentException("label " + label + " is outside the model's " + numLabels);
                loss -= Math.log(Math.max(MIN_PROBABILITY, probabilities[i][label]));
                if (argMax(probabilities[i]) == label) correct++;
            }
        }
        return new Evaluation(test.size(), loss / test.size(), (double) correct / test.size());
    }

    /** The index of the most likely label of one input (a surname, a feature vector, an image). */
    public int predict(Object input) {
        return argMax(probabilities(List.of(input))[0]);
    }

    /**
     * Class probabilities per input, [input][label]: what the node serves locally. Inputs are of the task's kind
     * ({@link Labelled#input()}): surnames, feature vectors, images.
     *
     * @throws IllegalArgumentException when an input is not of this model's kind or shape
     */
    public float[][] probabilities(List<?> inputs) {
        Task.Encoded x = task.encode(spec, inputs);
        // The mask must reach output() too: without it the padding takes part in the max-pool / last step.
        INDArray out = net.output(x.features(), false, x.mask(), null);
        return out.toFloatMatrix();
    }

    private DataSet dataSet(List<Labelled> batch) {
        Task.Encoded x = task.encode(spec, batch.stream().map(Labelled::input).toList());
        return new DataSet(x.features(), oneHot(batch), x.mask(), null);
    }

    /** One-hot labels [batch, numLabels]. */
    private INDArray oneHot(List<Labelled> batch) {
        float[] data = new float[batch.size() * numLabels];
        for (int i = 0; i < batch.size(); i++) {
            int label = batch.get(i).label();
            if (label >= numLabels) {
                throw new IllegalArgumentException("label " + label + " is outside the model's " + numLabels + " labels " + spec.labels());
            }
            data[i * numLabels + label] = 1f;
        }
        return Nd4j.create(data, new long[] {batch.size(), numLabels}, 'c');
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
