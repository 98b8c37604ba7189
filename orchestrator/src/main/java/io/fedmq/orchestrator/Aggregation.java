package io.fedmq.orchestrator;

import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Transport.TransportException;
import java.util.List;

/**
 * How one round turns the selected nodes' local training into one example-weighted mean delta: plain
 * updates, or secure aggregation where the orchestrator only ever learns the sum.
 */
interface Aggregation {

    /** Runs the training phase and whatever stages the protocol needs; publishes through the announcer. */
    Aggregate run(long round, GlobalModel global, List<String> selected) throws TransportException, InterruptedException, Failed;

    /**
     * @param meanDelta     the example-weighted mean of the contributors' deltas
     * @param contributors  nodes whose update is in the mean
     * @param meanTrainLoss their mean last-epoch training loss
     * @param secAgg        what secure aggregation did, or null for plain updates
     */
    record Aggregate(float[] meanDelta, int contributors, double meanTrainLoss, SecAggSummary secAgg) {}

    /** The round cannot produce a mean; the reason says why. Nothing partial is ever returned. */
    final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        final int contributors;
        final transient SecAggSummary secAgg;

        Failed(String reason, int contributors, SecAggSummary secAgg) {
            super(reason);
            this.contributors = contributors;
            this.secAgg = secAgg;
        }
    }
}
