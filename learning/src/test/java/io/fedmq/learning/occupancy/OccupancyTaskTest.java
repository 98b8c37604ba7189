package io.fedmq.learning.occupancy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.learning.Evaluation;
import io.fedmq.learning.TaskModel;
import io.fedmq.learning.Tasks;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.TrainingPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class OccupancyTaskTest {
    @Test
    void theSpecNamesTheTaskTheNetworkAndTheFixedLabels() {
        ModelSpec spec = OccupancyTask.spec(OccupancyTask.MLP);
        assertEquals(new ModelSpec("occupancy", "mlp", List.of("vacant", "occupied")), spec);
        assertEquals(9, OccupancyTask.inputWidth(spec));
        assertEquals(5, OccupancyTask.inputWidth(OccupancyTask.spec(OccupancyTask.MLP_SENSORS)));
        var labels = assertThrows(IllegalArgumentException.class,
                () -> TaskModel.create(new ModelSpec("occupancy", "mlp", List.of("empty", "busy", "party")), 1));
        assertTrue(labels.getMessage().contains("[vacant, occupied]"), labels.getMessage());
        var arch = assertThrows(IllegalArgumentException.class, () -> Tasks.OCCUPANCY.spec("cnn", OccupancyTask.LABELS));
        assertTrue(arch.getMessage().contains("[mlp, mlp-sensors]"), arch.getMessage());
    }

    @Test
    void aNetworkRefusesInputsOfTheWrongWidthSayingWhy() {
        TaskModel model = TaskModel.create(OccupancyTask.spec(OccupancyTask.MLP), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> model.probabilities(List.of(new float[5])));
        assertTrue(e.getMessage().contains("reads 9 inputs") && e.getMessage().contains("no date column"), e.getMessage());
        var kind = assertThrows(IllegalArgumentException.class, () -> model.probabilities(List.of("Nowak")));
        assertTrue(kind.getMessage().contains("feature vectors, got String"), kind.getMessage());
    }

    /** One home's two weeks: a few epochs on its own data already tell an occupied room from an empty one. */
    @Test
    void learnsOneHomesOccupancyFromItsSensors() {
        HomeData home = HomeData.of(HomeSimulator.simulate(11, 0, HomeSimulator.DEFAULT_START, 10), 0, true);
        TaskModel model = TaskModel.create(OccupancyTask.spec(OccupancyTask.MLP), 3);
        Evaluation before = model.evaluate(home.shard().test());
        model.fit(home.shard().train(), new TrainingPlan(3, 64, 0.01));
        Evaluation after = model.evaluate(home.shard().test());
        assertTrue(after.accuracy() > 0.93, before + " -> " + after);
        assertTrue(after.meanLoss() < before.meanLoss() / 2, before + " -> " + after);
    }

    @Test
    void theSameParametersGiveTheSamePredictionsInAnotherNetwork() {
        HomeData home = HomeData.of(HomeSimulator.simulate(11, 2, HomeSimulator.DEFAULT_START, 5), 0, true);
        TaskModel trained = TaskModel.create(OccupancyTask.spec(OccupancyTask.MLP), 3);
        trained.fit(home.shard().train(), new TrainingPlan(1, 64, 0.01));
        TaskModel copy = TaskModel.create(OccupancyTask.spec(OccupancyTask.MLP), 99);
        copy.setParameters(trained.parameters());
        List<float[]> inputs = home.shard().test().subList(0, 50).stream().map(e -> e.features()).toList();
        float[][] a = trained.probabilities(inputs), b = copy.probabilities(inputs);
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i]);
    }
}
