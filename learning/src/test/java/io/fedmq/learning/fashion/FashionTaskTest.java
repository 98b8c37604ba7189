package io.fedmq.learning.fashion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.learning.Evaluation;
import io.fedmq.learning.TaskModel;
import io.fedmq.protocol.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FashionTaskTest {
    /** Class 0 a vertical bar, class 1 a horizontal one, each somewhere in the image, over noise. */
    private static List<ImageExample> bars(int n, long seed) {
        Random random = new Random(seed);
        List<ImageExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] p = new byte[FashionTask.PIXELS];
            for (int k = 0; k < p.length; k++) p[k] = (byte) random.nextInt(60);
            int label = i % 2, at = 4 + random.nextInt(20);
            for (int k = 2; k < 26; k++) p[label == 0 ? k * 28 + at : at * 28 + k] = (byte) 230;
            out.add(new ImageExample(p, label));
        }
        return out;
    }

    @Test
    void theSmallCnnHasAboutTwentyThousandParameters() {
        TaskModel model = TaskModel.create(FashionTask.spec(), 1);
        assertEquals(208 + 3216 + (256 * 64 + 64) + (64 * 10 + 10), model.parameterCount(), "conv 5x5x8, conv 5x5x8x16, dense 64, softmax 10");
        assertEquals(10, model.spec().labels().size());
    }

    @Test
    void learnsToTellShapesApart() {
        TaskModel model = TaskModel.create(FashionTask.spec(), 2);
        List<ImageExample> train = bars(200, 1), test = bars(60, 2);
        Evaluation before = model.evaluate(test);
        model.fit(train, new TrainingPlan(3, 20, 0.01));
        Evaluation after = model.evaluate(test);
        assertTrue(after.accuracy() > 0.9, before + " -> " + after);
    }

    @Test
    void refusesImagesOfAnotherSize() {
        TaskModel model = TaskModel.create(FashionTask.spec(), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> model.probabilities(List.of(new byte[32 * 32])));
        assertTrue(e.getMessage().contains("784 pixels, got 1024"), e.getMessage());
    }
}
