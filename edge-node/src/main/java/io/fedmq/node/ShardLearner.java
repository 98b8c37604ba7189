package io.fedmq.node;

import io.fedmq.learning.Evaluation;
import io.fedmq.learning.FitResult;
import io.fedmq.learning.Shard;
import io.fedmq.learning.TaskModel;
import io.fedmq.learning.Tasks;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.TrainingPlan;
import java.util.List;

/**
 * The DL4J learner: one {@link TaskModel} trained on this node's own {@link Shard}. The network is built from
 * the model's spec the first time (and again only if the spec changes), so the optimizer's state carries over
 * from round to round while the weights always start from the global model.
 *
 * <p>A node holds data of one task. A model of another task, or one whose network cannot read this node's data
 * (an occupancy network that needs dates, on a log without them), is refused with a message that says what to
 * change, before any training.
 */
public final class ShardLearner implements Learner {
    private final String task;
    private final Shard<?> shard;
    private final long seed;
    private TaskModel model;

    /**
     * @param task  the task this node's data is for ({@link io.fedmq.protocol.ModelSpec#task()})
     * @param shard this node's data
     * @param seed  for the network's initial weights (overwritten by every global model) and the minibatch order
     */
    public ShardLearner(String task, Shard<?> shard, long seed) {
        this.task = Tasks.named(task).name();
        if (shard.train().isEmpty() || shard.test().isEmpty()) {
            throw new IllegalArgumentException("shard " + shard.nodeIndex() + " needs training and held-out examples");
        }
        this.shard = shard;
        this.seed = seed;
    }

    /** The task of this node's data. */
    public String task() {
        return task;
    }

    @Override
    public synchronized TrainOutcome train(GlobalModel global, TrainingPlan plan) {
        TaskModel m = load(global);
        FitResult fit = m.fit(shard.train(), plan);
        float[] after = m.parameters();
        float[] before = global.parameters().toArray();
        for (int i = 0; i < after.length; i++) after[i] -= before[i];
        return new TrainOutcome(after, fit.numExamples(), fit.meanLoss());
    }

    @Override
    public synchronized EvalOutcome evaluate(GlobalModel candidate) {
        Evaluation e = load(candidate).evaluate(shard.test());
        return new EvalOutcome(e.numExamples(), e.meanLoss(), e.accuracy());
    }

    /**
     * Refuses a model this node's data cannot train or test.
     *
     * @throws IllegalArgumentException naming the model's task and this node's, or why the network cannot read the data
     */
    public void requireCompatible(GlobalModel global) {
        ModelSpec spec = global.spec();
        if (!task.equals(spec.task())) {
            throw new IllegalArgumentException("model v" + global.version() + " is a " + spec.task() + " model (" + spec.architecture()
                    + "), and this node holds " + task + " data: start the node with --task " + spec.task()
                    + " and that task's data, or join a fleet that trains " + task);
        }
    }

    private TaskModel load(GlobalModel global) {
        requireCompatible(global);
        if (model == null || !model.spec().equals(global.spec())) {
            TaskModel fresh = TaskModel.create(global.spec(), seed);
            try { // one example through the new network: a shape mismatch shows here, not deep inside training
                fresh.probabilities(List.of(shard.train().get(0).input()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model v" + global.version() + " (" + global.spec().task() + ", "
                        + global.spec().architecture() + ") cannot read this node's data: " + e.getMessage(), e);
            }
            model = fresh;
        }
        if (model.parameterCount() != global.parameters().size()) {
            throw new IllegalArgumentException("model v" + global.version() + " has " + global.parameters().size()
                    + " parameters, its spec builds " + model.parameterCount());
        }
        model.setParameters(global.parameters().toArray());
        return model;
    }
}
