package io.fedmq.orchestrator;

import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.aggregation.WeightedSum;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Plain updates: each node sends its delta in the clear and the orchestrator averages them. Only behind an
 * explicit option: the orchestrator and the broker can read every node's update.
 */
final class PlainAggregation implements Aggregation {
    private final Announcer announcer;
    private final Collector collector;
    private final Duration trainDeadline;

    PlainAggregation(Announcer announcer, Collector collector, Duration trainDeadline) {
        this.announcer = announcer;
        this.collector = collector;
        this.trainDeadline = trainDeadline;
    }

    @Override
    public Aggregate run(long round, GlobalModel global, List<String> selected) throws TransportException, InterruptedException, Failed {
        announcer.phase(round, Phase.TRAINING, global, selected, trainDeadline, null);
        WeightedSum sum = new WeightedSum(global.parameters().size());
        double[] lossSum = {0};
        Set<String> trained = collector.collect(round, Stage.UPDATE, ModelUpdate.class, selected, trainDeadline, u -> {
            if (u.modelVersion() != global.version()) return "trained from v" + u.modelVersion() + ", round uses v" + global.version();
            if (u.delta().size() != sum.dimension()) return "update has " + u.delta().size() + " values, model has " + sum.dimension();
            sum.add(u.delta().view(), u.numExamples()); // folded in and dropped: no update is kept
            lossSum[0] += u.trainLoss() * u.numExamples();
            return null;
        });
        if (sum.count() == 0) throw new Failed("no update arrived before the deadline", 0, null);
        return new Aggregate(sum.mean(), trained.size(), lossSum[0] / sum.totalWeight(), null);
    }
}
