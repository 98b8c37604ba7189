package io.fedmq.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TaskModelTest {
    private static final List<String> LABELS = List.of("Czech", "Dutch", "Polish");
    private static final List<String> NAMES = List.of("Li", "Nowak", "Vandermeulenbroeck", "Dvořák", "Kim", "Wójcik-Szymańska");

    /** A small three-language slice of the built-in corpus, labelled 0..2. */
    private static List<Example> slice(int perLanguage) {
        SurnameCorpus corpus = SurnameCorpus.builtIn(SurnameCorpus.MIN_NAMES_PER_LANGUAGE + perLanguage);
        List<Example> out = new ArrayList<>();
        for (int l = 0; l < LABELS.size(); l++) {
            int label = corpus.labels().indexOf(LABELS.get(l)), kept = 0, newLabel = l;
            for (Example e : corpus.examples()) {
                if (e.label() == label && kept++ < perLanguage) out.add(new Example(e.surname(), newLabel));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "lstm"})
    void theSameSpecBuildsTheSameNetwork(String architecture) {
        ModelSpec spec = SurnameModels.spec(architecture, LABELS);
        TaskModel a = TaskModel.create(spec, 1), b = TaskModel.create(spec, 2);
        assertEquals(a.parameterCount(), b.parameterCount());
        assertNotEquals(0, a.parameterCount());
        assertArrayEquals(a.parameters(), TaskModel.create(spec, 1).parameters(), "same seed, same initial weights");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "lstm"})
    void parametersRoundTripGivesIdenticalOutputs(String architecture) {
        ModelSpec spec = SurnameModels.spec(architecture, LABELS);
        TaskModel trained = TaskModel.create(spec, 1);
        trained.fit(slice(20), new TrainingPlan(1, 16, 0.01));
        TaskModel copy = TaskModel.create(spec, 99);
        copy.setParameters(trained.parameters());
        assertArrayEquals(trained.parameters(), copy.parameters());
        float[][] expected = trained.probabilities(NAMES), actual = copy.probabilities(NAMES);
        for (int i = 0; i < NAMES.size(); i++) assertArrayEquals(expected[i], actual[i], NAMES.get(i));
    }

    @Test
    void parametersAreACopyAndTheirLengthIsChecked() {
        TaskModel model = TaskModel.create(SurnameModels.spec("cnn", LABELS), 1);
        float[] p = model.parameters();
        float before = p[0];
        p[0] += 1;
        assertEquals(before, model.parameters()[0], "mutating the copy must not touch the network");
        var e = assertThrows(IllegalArgumentException.class, () -> model.setParameters(new float[p.length - 1]));
        assertTrue(e.getMessage().contains(String.valueOf(p.length)), e.getMessage());
    }

    @Test
    void rejectsUnknownTasksAndArchitecturesNamingTheKnownOnes() {
        var arch = assertThrows(IllegalArgumentException.class, () -> SurnameModels.spec("transformer", LABELS));
        assertTrue(arch.getMessage().contains("cnn") && arch.getMessage().contains("lstm"), arch.getMessage());
        var task = assertThrows(IllegalArgumentException.class, () -> TaskModel.create(new ModelSpec("mnist", "cnn", LABELS), 1));
        assertTrue(task.getMessage().contains("surnames"), task.getMessage());
    }

    @Test
    void cnnTrainingLowersTheLoss() {
        List<Example> train = slice(60);
        TaskModel model = TaskModel.create(SurnameModels.spec("cnn", LABELS), 3);
        Evaluation before = model.evaluate(train);
        double first = model.fit(train, new TrainingPlan(1, 16, 0.01)).meanLoss();
        FitResult last = model.fit(train, new TrainingPlan(4, 16, 0.01));
        Evaluation after = model.evaluate(train);
        assertEquals(train.size(), last.numExamples());
        assertTrue(last.meanLoss() < 0.8 * first, first + " -> " + last.meanLoss());
        assertTrue(after.meanLoss() < 0.8 * before.meanLoss(), before + " -> " + after);
        assertTrue(after.accuracy() > 0.6, after.toString());
    }

    @Test
    void trainingIsDeterministicGivenTheSeed() {
        ModelSpec spec = SurnameModels.spec("cnn", LABELS);
        TaskModel a = TaskModel.create(spec, 5), b = TaskModel.create(spec, 5);
        a.fit(slice(20), new TrainingPlan(2, 8, 0.01));
        b.fit(slice(20), new TrainingPlan(2, 8, 0.01));
        assertArrayEquals(a.parameters(), b.parameters());
    }

    @Test
    void fedProxTermKeepsTheTrainedWeightsCloserToTheStart() {
        ModelSpec spec = SurnameModels.spec("cnn", LABELS);
        TaskModel plain = TaskModel.create(spec, 6), prox = TaskModel.create(spec, 6);
        float[] start = plain.parameters();
        plain.fit(slice(30), new TrainingPlan(2, 8, 0.01));
        prox.fit(slice(30), new TrainingPlan(2, 8, 0.01, 50)); // pulls half-way back after every step
        double plainDrift = distance(start, plain.parameters()), proxDrift = distance(start, prox.parameters());
        assertTrue(proxDrift > 0, "the proximal term must not freeze training");
        assertTrue(proxDrift < 0.5 * plainDrift, "drift with mu 50: " + proxDrift + ", without: " + plainDrift);
    }

    @Test
    void theProximalAnchorIsTheModelAtTheStartOfEachFit() {
        TaskModel model = TaskModel.create(SurnameModels.spec("cnn", LABELS), 6);
        model.fit(slice(20), new TrainingPlan(1, 8, 0.01)); // moves away from the initial weights
        float[] globalOfThisRound = model.parameters();
        // lr * mu = 1: every minibatch step is undone entirely, back to the parameters this fit started from.
        model.fit(slice(20), new TrainingPlan(1, 8, 0.01, 100));
        assertArrayEquals(globalOfThisRound, model.parameters());
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
        return Math.sqrt(sum);
    }

    /** Pins the masking trap: a name's prediction must not depend on the longer names batched with it. */
    @ParameterizedTest
    @ValueSource(strings = {"cnn", "lstm"})
    void predictionsDoNotDependOnTheBatch(String architecture) {
        TaskModel model = TaskModel.create(SurnameModels.spec(architecture, LABELS), 4);
        model.fit(slice(30), new TrainingPlan(2, 16, 0.01));
        float[][] batched = model.probabilities(NAMES);
        for (int i = 0; i < NAMES.size(); i++) {
            float[] alone = model.probabilities(List.of(NAMES.get(i)))[0];
            assertArrayEquals(alone, batched[i], 1e-5f, NAMES.get(i));
        }
        List<Example> shortOne = List.of(new Example("Li", 0));
        List<Example> withLongOnes = List.of(new Example("Li", 0), new Example("Vandermeulenbroeck", 1),
                new Example("Wójcik-Szymańska", 2));
        Evaluation alone = model.evaluate(shortOne);
        Evaluation inBatch = model.evaluate(withLongOnes);
        double otherLoss = model.evaluate(withLongOnes.subList(1, 3)).meanLoss() * 2;
        assertEquals(alone.meanLoss(), inBatch.meanLoss() * 3 - otherLoss, 1e-4);
    }
}
