package io.fedmq.learning;

import java.util.Arrays;

/**
 * One labelled feature vector: what a tabular model (the occupancy MLP) reads.
 *
 * @param features the network input, already scaled; copied in and out
 * @param label    the index of its class
 */
public record VectorExample(float[] features, int label) implements Labelled {
    public VectorExample {
        if (features.length == 0) throw new IllegalArgumentException("a feature vector must not be empty");
        for (float f : features) if (!Float.isFinite(f)) throw new IllegalArgumentException("features must be finite: " + Arrays.toString(features));
        if (label < 0) throw new IllegalArgumentException("label must be >= 0, got " + label);
        features = features.clone();
    }

    @Override
    public float[] features() {
        return features.clone();
    }

    /** A copy of the features: what the network reads. */
    @Override
    public float[] input() {
        return features.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorExample v && label == v.label && Arrays.equals(features, v.features);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + label;
    }

    @Override
    public String toString() {
        return "VectorExample[" + Arrays.toString(features) + ", label " + label + "]";
    }
}
