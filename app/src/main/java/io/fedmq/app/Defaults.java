package io.fedmq.app;

/**
 * The demo's defaults, chosen by measurement on a 2-core machine (see BENCHMARKS.md): they finish in a few
 * minutes and leave federated accuracy within a few points of the centralized baseline.
 */
final class Defaults {
    private Defaults() {}

    static final String ARCHITECTURE = "cnn";
    static final String NODES = "4";
    static final String ROUNDS = "10";
    static final String LOCAL_EPOCHS = "2";
    static final String BATCH_SIZE = "64";
    static final String LEARNING_RATE = "0.01";
}
