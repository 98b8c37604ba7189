package io.fedmq.learning;

import io.fedmq.protocol.ModelSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** The surname task: {@link SurnameModels}' networks over {@link SurnameEncoding}'s one-hot characters. */
final class SurnameTask implements Task {
    @Override
    public String name() {
        return SurnameModels.TASK;
    }

    @Override
    public List<String> architectures() {
        return SurnameModels.ARCHITECTURES;
    }

    @Override
    public MultiLayerConfiguration network(ModelSpec spec, long seed) {
        return SurnameModels.configuration(spec, seed);
    }

    @Override
    public Encoded encode(ModelSpec spec, List<?> inputs) {
        List<String> surnames = new ArrayList<>(inputs.size());
        for (Object input : inputs) {
            if (!(input instanceof String s)) {
                throw new IllegalArgumentException("a surnames model reads surnames, got " + kind(input));
            }
            surnames.add(s);
        }
        SurnameEncoding.Encoded x = SurnameEncoding.encode(surnames);
        return new Encoded(x.features(), x.mask());
    }

    /** Names of similar length batched together waste less work on padding; the masks make the order irrelevant. */
    @Override
    public Comparator<Labelled> evaluationOrder() {
        return Comparator.comparingInt(e -> ((String) e.input()).length());
    }

    static String kind(Object input) {
        return input == null ? "null" : input.getClass().getSimpleName();
    }
}
