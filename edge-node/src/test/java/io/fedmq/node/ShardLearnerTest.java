package io.fedmq.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.learning.TaskModel;
import io.fedmq.learning.occupancy.HomeData;
import io.fedmq.learning.occupancy.HomeSimulator;
import io.fedmq.learning.occupancy.OccupancyTask;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.TrainingPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardLearnerTest {
    private static final HomeData HOME = HomeData.of(HomeSimulator.simulate(3, 0, HomeSimulator.DEFAULT_START, 5), 0, true);
    private static final TrainingPlan PLAN = new TrainingPlan(1, 64, 0.01);

    private static GlobalModel model(ModelSpec spec) {
        return new GlobalModel(4, 3, 3, spec, Tensor.vector(TaskModel.create(spec, 1).parameters()));
    }

    @Test
    void refusesAModelOfAnotherTaskSayingWhatToChange() {
        ShardLearner learner = new ShardLearner(OccupancyTask.NAME, HOME.shard(), 1);
        GlobalModel surnames = model(new ModelSpec("surnames", "cnn", List.of("Czech", "Dutch")));
        var e = assertThrows(IllegalArgumentException.class, () -> learner.train(surnames, PLAN));
        assertTrue(e.getMessage().contains("model v4 is a surnames model (cnn), and this node holds occupancy data")
                && e.getMessage().contains("--task surnames"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> learner.evaluate(surnames));
    }

    @Test
    void refusesANetworkThatCannotReadItsData() {
        HomeData undated = HomeData.of(HomeSimulator.simulate(3, 0, HomeSimulator.DEFAULT_START, 5), 0, false);
        ShardLearner learner = new ShardLearner(OccupancyTask.NAME, undated.shard(), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> learner.train(model(OccupancyTask.spec(OccupancyTask.MLP)), PLAN));
        assertTrue(e.getMessage().contains("model v4 (occupancy, mlp) cannot read this node's data") && e.getMessage().contains("no date column"),
                e.getMessage());
    }

    @Test
    void trainsAndTestsAModelOfItsOwnTask() throws Exception {
        ShardLearner learner = new ShardLearner(OccupancyTask.NAME, HOME.shard(), 1);
        GlobalModel m = model(OccupancyTask.spec(OccupancyTask.MLP));
        Learner.TrainOutcome t = learner.train(m, PLAN);
        assertEquals(HOME.shard().train().size(), t.numExamples());
        assertEquals(m.parameters().size(), t.delta().length);
        assertEquals(HOME.shard().test().size(), learner.evaluate(m).numExamples());
    }

    @Test
    void knowsOnlyTasksThatExist() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ShardLearner("mnist", HOME.shard(), 1));
        assertTrue(e.getMessage().contains("[surnames, occupancy, fashion]"), e.getMessage());
    }
}
