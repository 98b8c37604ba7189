package io.fedmq.app;

import io.fedmq.orchestrator.SecureAggregationConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Secure aggregation is the default; plain updates only behind a loudly named switch. */
final class SecAggOptions {
    @Option(names = "--insecure-plain-updates",
            description = "send plain updates instead of masked ones: the orchestrator and the broker can then read every node's update")
    boolean plain;

    @Option(names = "--dropout", defaultValue = "0.1", description = "node dropout rate the secure aggregation must survive (default: ${DEFAULT-VALUE})")
    double dropout;

    @Option(names = "--clip", defaultValue = "1.0", description = "update values are clipped to [-clip, clip] before masking (default: ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--max-weight", defaultValue = "4096",
            description = "example counts are capped here; set it near a node's typical count for the best precision (default: ${DEFAULT-VALUE})")
    long maxWeight;

    @Option(names = "--stage-deadline", defaultValue = "PT60S", description = "deadline of the key, share and unmask stages (default: ${DEFAULT-VALUE})")
    Duration stageDeadline;

    /** Null when plain updates were asked for. */
    SecureAggregationConfig config() {
        if (plain) return null;
        return new SecureAggregationConfig(dropout, clip, maxWeight, 24, stageDeadline, stageDeadline, stageDeadline);
    }
}
