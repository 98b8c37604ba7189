package io.fedmq.node;

import io.fedmq.learning.Evaluation;
import io.fedmq.learning.FitResult;
import io.fedmq.learning.Shard;
import io.fedmq.learning.TaskModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.TrainingPlan;

/**
 * The DL4J learner: one {@link TaskModel} trained on this node's own {@link Shard}. The network is built from
 * the model's spec the first time (and again only if the spec changes), so the optimizer's state carries over
 * from round to round while the weights always start from the global model.
 */
public final class ShardLearner implements Learner {
    private final Shard shard;
    private final long seed;
    private TaskModel model;

    public ShardLearner(Shard shard, long seed) {
        if (shard.train().isEmpty() || shard.test().isEmpty()) {
            throw new IllegalArgumentException("shard " + shard.nodeIndex() + " needs training and held-out examples");
        }
        this.shard = shard;
        this.seed = seed;
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

    private TaskModel load(GlobalModel global) {
        if (model == null || !model.spec().equals(global.spec())) model = TaskModel.create(global.spec(), seed);
        if (model.parameterCount() != global.parameters().size()) {
            throw new IllegalArgumentException("model v" + global.version() + " has " + global.parameters().size()
                    + " parameters, its spec builds " + model.parameterCount());
        }
        model.setParameters(global.parameters().toArray());
        return model;
    }
}
