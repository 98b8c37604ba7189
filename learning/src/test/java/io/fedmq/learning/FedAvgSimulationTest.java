package io.fedmq.learning;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the tuning tool honest: on a small non-IID slice, federated accuracy must climb over rounds. */
class FedAvgSimulationTest {
    @Test
    void federatedAccuracyRisesOverRoundsOnSkewedNodes() throws Exception {
        SurnameCorpus full = SurnameCorpus.builtIn(150);
        List<String> keep = List.of("Czech", "Dutch", "Polish", "Spanish");
        List<Example> examples = new ArrayList<>();
        for (Example e : full.examples()) {
            int label = keep.indexOf(full.labels().get(e.label()));
            if (label >= 0) examples.add(new Example(e.surname(), label));
        }
        SurnameCorpus corpus = SurnameCorpus.of(keep, examples);
        List<Shard<Example>> shards = Partitioner.nonIid().split(corpus, 3, 11);
        ModelSpec spec = SurnameModels.spec("cnn", keep);

        FedAvgSimulation.Result result = FedAvgSimulation.run(spec, shards, new TrainingPlan(1, 16, 0.01), 4, 11);

        double first = result.perRound().get(0).accuracy(), last = result.finalAccuracy();
        assertTrue(last > first + 0.05, result.perRound().toString());
        assertTrue(last > 2 * SurnameCorpus.majorityClassAccuracy(corpus.examples()), result.perRound().toString());
    }
}
