package io.fedmq.orchestrator;

import io.fedmq.protocol.Topics;
import io.fedmq.protocol.TrainingPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the orchestrator is told, validated once here.
 *
 * @param fleet          the fleet name in the topic tree
 * @param rounds         how many rounds to run
 * @param minNodes       nodes that must be online before a round starts
 * @param nodeWait       how long to wait for them before giving up
 * @param plan           the local training plan sent with every round
 * @param trainDeadline  how long the training phase stays open
 * @param evalDeadline   how long the evaluation phase stays open
 * @param gate           when a candidate is accepted
 * @param modelDir       where every model version and its record are kept
 * @param secAgg         secure aggregation settings; null sends plain updates the orchestrator can read
 */
public record OrchestratorConfig(String fleet, int rounds, int minNodes, Duration nodeWait, TrainingPlan plan,
                                 Duration trainDeadline, Duration evalDeadline, AcceptanceGate gate, Path modelDir,
                                 SecureAggregationConfig secAgg) {
    public OrchestratorConfig {
        Topics.requireName(fleet, "fleet");
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        if (minNodes < 1) throw new IllegalArgumentException("minNodes must be >= 1, got " + minNodes);
        requirePositive(nodeWait, "nodeWait");
        Objects.requireNonNull(plan, "plan");
        requirePositive(trainDeadline, "trainDeadline");
        requirePositive(evalDeadline, "evalDeadline");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(modelDir, "modelDir");
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be a positive duration");
    }
}
