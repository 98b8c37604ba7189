package io.fedmq.learning;

import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.TrainingPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline federated learning is measured against: one model trained on everything the fleet holds,
 * as if the data had been pooled. Federated accuracy should approach it with the same number of epochs.
 */
public final class Centralized {
    private Centralized() {}

    /**
     * Trains one model on the union of the shards' training sets for {@code plan.localEpochs()} epochs and
     * tests it on the union of their test sets.
     */
    public static Evaluation trainAndEvaluate(ModelSpec spec, List<? extends Shard<?>> shards, TrainingPlan plan, long seed) {
        List<Labelled> train = new ArrayList<>();
        List<Labelled> test = new ArrayList<>();
        for (Shard<?> s : shards) {
            train.addAll(s.train());
            test.addAll(s.test());
        }
        TaskModel model = TaskModel.create(spec, seed);
        model.fit(train, plan);
        return model.evaluate(test);
    }
}
