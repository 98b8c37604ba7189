package io.fedmq.protocol;

import java.util.List;

/**
 * The current round, retained on {@link Topics#round()}: what every node needs to know to take part.
 *
 * @param round        the round number, increasing from 1
 * @param phase        what the selected nodes should be doing now
 * @param modelVersion the model of this phase: the global model when training, the candidate when evaluating
 * @param modelHash    SHA-256 of that model's parameters, so a node never works on the wrong one
 * @param plan         the local training plan
 * @param selected     the nodes taking part in this round
 * @param deadline     when this phase closes, epoch milliseconds
 * @param secAgg       the secure-aggregation settings, or null when the round runs with plain updates
 */
public record RoundState(long round, Phase phase, long modelVersion, String modelHash, TrainingPlan plan,
                         List<String> selected, long deadline, SecAggParams secAgg) implements Message {
    public RoundState {
        Checks.positive(round, "round");
        Checks.notNull(phase, "phase");
        Checks.nonNegative(modelVersion, "modelVersion");
        Checks.hash(modelHash, "modelHash");
        Checks.notNull(plan, "plan");
        selected = Checks.names(selected, "selected");
        Checks.nonNegative(deadline, "deadline");
        if (secAgg == null && (phase == Phase.SHARING || phase == Phase.MASKING || phase == Phase.UNMASKING)) {
            throw new IllegalArgumentException(phase + " needs secure-aggregation settings");
        }
    }

    public boolean isSecure() { return secAgg != null; }

    public boolean selects(String nodeId) { return selected.contains(nodeId); }

    /** The phases a round goes through, in order. */
    public enum Phase {
        /** Selected nodes train the global model; with secure aggregation they also advertise their keys. */
        TRAINING,
        /** Secure aggregation: the key roster is out; nodes send encrypted shares of their secrets. */
        SHARING,
        /** Secure aggregation: {@code selected} lists who shared; nodes send their masked input. */
        MASKING,
        /** Secure aggregation: the unmask request is out; nodes send the shares it asks for. */
        UNMASKING,
        /** Selected nodes evaluate the candidate model on their held-out data. */
        EVALUATING,
        /** The round is over; the verdict is on {@link Topics#acceptedModel()}. */
        CLOSED
    }
}
