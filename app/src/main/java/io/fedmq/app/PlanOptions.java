package io.fedmq.app;

import io.fedmq.protocol.TrainingPlan;
import picocli.CommandLine.Option;

/** What each node does with the global model in a round: shared by the demo and the orchestrator. */
final class PlanOptions {
    @Option(names = "--epochs", defaultValue = Defaults.LOCAL_EPOCHS, description = "local epochs per round (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = Defaults.BATCH_SIZE, description = "minibatch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = Defaults.LEARNING_RATE, description = "node learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    TrainingPlan plan() { return new TrainingPlan(epochs, batch, learningRate); }
}
