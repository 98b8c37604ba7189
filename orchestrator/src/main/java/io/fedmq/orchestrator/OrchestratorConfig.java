package io.fedmq.orchestrator;

import io.fedmq.protocol.Topics;
import io.fedmq.protocol.TrainingPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the orchestrator is told, validated once here. Build it with {@link #builder}: the defaults suit a
 * fleet of Raspberry Pi 4 nodes (a local epoch on a Pi takes minutes, not seconds).
 *
 * @param fleet          the fleet name in the topic tree
 * @param rounds         how many rounds to run, counted over the model trail; 0 runs rounds until stopped
 * @param minNodes       nodes that must be online before a round starts, and the fewest a round selects
 * @param sampling       which of the online nodes each round selects
 * @param nodeWait       how long to wait for {@code minNodes} before giving up on a round
 * @param plan           the local training plan sent with every round
 * @param trainDeadline  how long the training phase stays open; stragglers are dropped, not waited for
 * @param evalDeadline   how long the evaluation phase stays open
 * @param gate           when a candidate is accepted
 * @param modelDir       where every model version, its record and the round checkpoint are kept
 * @param secAgg         secure aggregation settings; null sends plain updates the orchestrator can read
 * @param roundInterval  the pause from the end of one round to the start of the next: a fleet that trains hourly
 *                       leaves the Pis alone in between
 */
public record OrchestratorConfig(String fleet, int rounds, int minNodes, Sampling sampling, Duration nodeWait, TrainingPlan plan,
                                 Duration trainDeadline, Duration evalDeadline, AcceptanceGate gate, Path modelDir,
                                 SecureAggregationConfig secAgg, Duration roundInterval) {
    public OrchestratorConfig {
        Topics.requireName(fleet, "fleet");
        if (rounds < 0) throw new IllegalArgumentException("rounds must be >= 0 (0: until stopped), got " + rounds);
        if (roundInterval == null || roundInterval.isNegative()) throw new IllegalArgumentException("roundInterval must be zero or positive");
        if (minNodes < 1) throw new IllegalArgumentException("minNodes must be >= 1, got " + minNodes);
        Objects.requireNonNull(sampling, "sampling");
        if (sampling.maxNodes() < minNodes) {
            throw new IllegalArgumentException("maxNodes (" + sampling.maxNodes() + ") must be >= minNodes (" + minNodes + ")");
        }
        if (secAgg != null && minNodes < SecureAggregation.MIN_NODES) {
            throw new IllegalArgumentException("secure aggregation needs at least " + SecureAggregation.MIN_NODES
                    + " nodes per round (with two, the sum and one's own update give away the other's): minNodes is " + minNodes);
        }
        requirePositive(nodeWait, "nodeWait");
        Objects.requireNonNull(plan, "plan");
        requirePositive(trainDeadline, "trainDeadline");
        requirePositive(evalDeadline, "evalDeadline");
        Objects.requireNonNull(gate, "gate");
        if (gate.minReports() > sampling.maxNodes()) {
            throw new IllegalArgumentException("minReports (" + gate.minReports() + ") must be <= maxNodes (" + sampling.maxNodes()
                    + "): no candidate could ever be accepted");
        }
        Objects.requireNonNull(modelDir, "modelDir");
    }

    /** Whether rounds go on until the orchestrator is stopped. */
    public boolean untilStopped() { return rounds == 0; }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be a positive duration");
    }

    public static Builder builder(String fleet, Path modelDir) { return new Builder(fleet, modelDir); }

    /** Defaults sized for Raspberry Pi 4 nodes; every setter validates on {@link #build()}. */
    public static final class Builder {
        private final String fleet;
        private final Path modelDir;
        private int rounds = 10;
        private int minNodes = SecureAggregation.MIN_NODES;
        private Sampling sampling = Sampling.ALL;
        private Duration nodeWait = Duration.ofMinutes(10);
        private TrainingPlan plan = new TrainingPlan(2, 64, 0.01);
        private Duration trainDeadline = Duration.ofMinutes(10);
        private Duration evalDeadline = Duration.ofMinutes(5);
        private AcceptanceGate gate = new AcceptanceGate(0, 0.05, 1);
        private SecureAggregationConfig secAgg = SecureAggregationConfig.DEFAULT;
        private Duration roundInterval = Duration.ZERO;

        private Builder(String fleet, Path modelDir) {
            this.fleet = fleet;
            this.modelDir = modelDir;
        }

        /** 0: until stopped. */
        public Builder rounds(int v) { rounds = v; return this; }
        public Builder roundInterval(Duration v) { roundInterval = v; return this; }
        public Builder minNodes(int v) { minNodes = v; return this; }
        public Builder sampling(Sampling v) { sampling = v; return this; }
        public Builder nodeWait(Duration v) { nodeWait = v; return this; }
        public Builder plan(TrainingPlan v) { plan = v; return this; }
        public Builder trainDeadline(Duration v) { trainDeadline = v; return this; }
        public Builder evalDeadline(Duration v) { evalDeadline = v; return this; }
        /** Both phase deadlines at once, for tests and demos on one machine. */
        public Builder deadlines(Duration v) { trainDeadline = v; evalDeadline = v; return this; }
        public Builder gate(AcceptanceGate v) { gate = v; return this; }
        /** Null turns secure aggregation off: plain updates the orchestrator can read. */
        public Builder secAgg(SecureAggregationConfig v) { secAgg = v; return this; }

        public OrchestratorConfig build() {
            return new OrchestratorConfig(fleet, rounds, minNodes, sampling, nodeWait, plan, trainDeadline, evalDeadline, gate,
                    modelDir, secAgg, roundInterval);
        }
    }
}
