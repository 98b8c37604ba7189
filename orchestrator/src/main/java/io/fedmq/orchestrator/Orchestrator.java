package io.fedmq.orchestrator;

import io.fedmq.orchestrator.AcceptanceGate.Verdict;
import io.fedmq.orchestrator.Inbox.Inbound;
import io.fedmq.orchestrator.ModelRecord.Status;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.EvaluationReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Message;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.Strategy;
import io.fedmq.protocol.aggregation.WeightedSum;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The round loop: announce, collect updates until everyone answered or the deadline passed, aggregate,
 * have the nodes evaluate the candidate, judge it, publish the verdict. All round state lives on the thread
 * that calls {@link #run()}; messages reach it through the {@link Inbox}. A round that cannot complete is
 * reported as failed and the accepted model stays as it was.
 */
public final class Orchestrator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

    private final OrchestratorConfig config;
    private final Transport transport;
    private final ModelStore store;
    private final Strategy strategy;
    private final RoundListener listener;
    private final WireCodec codec;
    private final Topics topics;
    private final NodeRegistry registry = new NodeRegistry();
    private final Inbox inbox;

    private GlobalModel accepted;
    private ModelRecord acceptedRecord;

    public Orchestrator(OrchestratorConfig config, Transport transport, ModelStore store, Strategy strategy,
                        RoundListener listener, WireCodec codec) {
        this.config = config;
        this.transport = transport;
        this.store = store;
        this.strategy = strategy;
        this.listener = listener;
        this.codec = codec;
        this.topics = new Topics(config.fleet());
        this.inbox = new Inbox(topics, codec, registry, listener);
    }

    /**
     * Resumes from the stored accepted model, or adopts {@code initial} when the store is empty, publishes it
     * for the fleet and starts listening to the nodes.
     */
    public void start(GlobalModel initial) throws IOException, TransportException {
        var stored = store.accepted();
        if (stored.isPresent()) {
            accepted = stored.get();
            log.info("resuming from accepted model v{} in {}", accepted.version(), store.dir());
        } else {
            accepted = initial;
            store.save(initial, new ModelRecord(initial.version(), 0, 0, initial.hash(), "initial", 0, 0, Double.NaN,
                    Double.NaN, Status.INITIAL, "initial model"));
            store.markAccepted(initial.version());
            log.info("starting from initial model v{} ({} parameters)", initial.version(), initial.parameters().size());
        }
        acceptedRecord = store.record(accepted.version()).orElseThrow();
        transport.subscribe(topics.nodeStatusFilter(), inbox::onMessage);
        transport.subscribe(topics.nodeStageFilter(), inbox::onMessage);
        publish(topics.model(accepted.version()), codec.encode(accepted), true);
        publishAcceptedPointer();
    }

    public GlobalModel acceptedModel() { return accepted; }

    /** Runs the configured number of rounds, numbered on from the last round in the model store. */
    public List<RoundReport> run() throws IOException, InterruptedException {
        long first = lastRound() + 1;
        List<RoundReport> reports = new ArrayList<>();
        for (long r = first; r < first + config.rounds(); r++) {
            RoundReport report = runRound(r);
            reports.add(report);
            listener.onRoundFinished(report);
        }
        return reports;
    }

    private long lastRound() throws IOException {
        return store.list().stream().mapToLong(ModelRecord::round).max().orElse(0);
    }

    RoundReport runRound(long round) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Transport.Traffic before = transport.traffic();
        List<String> selected = registry.awaitOnline(config.minNodes(), config.nodeWait().toMillis());
        if (selected.size() < config.minNodes()) {
            return failed(round, selected.size(), 0, Double.NaN, "only " + selected.size() + " of " + config.minNodes()
                    + " required nodes online", start, before);
        }
        try {
            // Training: every selected node trains the accepted model on its own data.
            announce(round, Phase.TRAINING, accepted, selected, config.trainDeadline());
            WeightedSum sum = new WeightedSum(accepted.parameters().size());
            double[] lossSum = {0};
            Set<String> trained = collect(round, Stage.UPDATE, selected, config.trainDeadline(), m -> {
                ModelUpdate u = (ModelUpdate) m;
                if (u.modelVersion() != accepted.version()) return "trained from v" + u.modelVersion() + ", round uses v" + accepted.version();
                if (u.delta().size() != sum.dimension()) return "update has " + u.delta().size() + " values, model has " + sum.dimension();
                sum.add(u.delta().view(), u.numExamples());
                lossSum[0] += u.trainLoss() * u.numExamples();
                return null;
            });
            double trainLoss = sum.count() == 0 ? Double.NaN : lossSum[0] / sum.totalWeight();
            if (sum.count() == 0) {
                closeRound(round, selected);
                return failed(round, selected.size(), 0, trainLoss, "no update arrived before the deadline", start, before);
            }

            // Aggregation: only the weighted mean leaves the accumulator.
            float[] candidateParams = strategy.apply(accepted.parameters().toArray(), sum.mean());
            long version = Math.max(store.latestVersion(), accepted.version()) + 1;
            GlobalModel candidate;
            try {
                candidate = new GlobalModel(version, accepted.version(), round, accepted.spec(), Tensor.of(accepted.parameters().shape(), candidateParams));
            } catch (IllegalArgumentException e) {
                closeRound(round, selected);
                return failed(round, selected.size(), trained.size(), trainLoss, "aggregate rejected: " + e.getMessage(), start, before);
            }
            ModelRecord record = new ModelRecord(version, accepted.version(), round, candidate.hash(), strategy.name(),
                    trained.size(), 0, Double.NaN, Double.NaN, Status.CANDIDATE, "awaiting evaluation");
            store.save(candidate, record);
            publish(topics.model(version), codec.encode(candidate), true);

            // Evaluation: the nodes test the candidate on their held-out data.
            announce(round, Phase.EVALUATING, candidate, selected, config.evalDeadline());
            double[] eval = {0, 0, 0}; // examples, correct-weighted accuracy, weighted loss
            Set<String> evaluated = collect(round, Stage.REPORT, selected, config.evalDeadline(), m -> {
                EvaluationReport e = (EvaluationReport) m;
                if (e.modelVersion() != version) return "evaluated v" + e.modelVersion() + ", candidate is v" + version;
                eval[0] += e.numExamples();
                eval[1] += e.accuracy() * e.numExamples();
                eval[2] += e.loss() * e.numExamples();
                return null;
            });
            double accuracy = evaluated.isEmpty() ? Double.NaN : eval[1] / eval[0];
            double loss = evaluated.isEmpty() ? Double.NaN : eval[2] / eval[0];

            Verdict verdict = evaluated.isEmpty() ? new Verdict(false, "no evaluation report before the deadline")
                    : config.gate().judge(accuracy, acceptedRecord.accuracy(), evaluated.size());
            record = new ModelRecord(version, accepted.version(), round, candidate.hash(), strategy.name(), trained.size(),
                    evaluated.size(), accuracy, loss, verdict.accepted() ? Status.ACCEPTED : Status.REJECTED, verdict.reason());
            store.saveRecord(record);
            if (verdict.accepted()) {
                long previous = accepted.version();
                store.markAccepted(version); // on disk before anyone is told
                accepted = candidate;
                acceptedRecord = record;
                publishAcceptedPointer();
                transport.clearRetained(topics.model(previous));
                log.info("round {}: accepted v{} ({})", round, version, verdict.reason());
            } else {
                transport.clearRetained(topics.model(version));
                log.warn("round {}: rejected v{}, fleet keeps v{} ({})", round, version, accepted.version(), verdict.reason());
            }
            closeRound(round, selected);
            Transport.Traffic t = transport.traffic().minus(before);
            return new RoundReport(round, selected.size(), trained.size(), trainLoss, evaluated.size(), accuracy, loss, version,
                    verdict.accepted(), verdict.reason(), t.bytesSent(), t.bytesReceived(), Duration.ofNanos(System.nanoTime() - start));
        } catch (TransportException e) {
            log.error("round {} failed: {}", round, e.getMessage());
            return failed(round, selected.size(), 0, Double.NaN, "broker unreachable: " + e.getMessage(), start, before);
        }
    }

    /**
     * Collects one message per selected node for a stage until all answered or the deadline passed. Everything
     * else is rejected with a log line: other rounds (late or replayed), unselected nodes, duplicates, and
     * whatever {@code accept} refuses (it returns the reason, or null after taking the message).
     */
    private Set<String> collect(long round, Stage stage, List<String> selected, Duration window,
                                Function<Message, String> accept) throws InterruptedException {
        Set<String> answered = new HashSet<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (answered.size() < selected.size()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) break;
            Inbound in = inbox.poll(left);
            if (in == null) break;
            String reason = admit(in, round, stage, selected, answered);
            if (reason == null) reason = accept.apply(in.message());
            if (reason == null) {
                answered.add(in.nodeId());
                listener.onProgress(round, stage.segment(), answered.size(), selected.size());
            } else {
                log.warn("rejected {} from {} for round {}: {}", in.stage().segment(), in.nodeId(), in.topicRound(), reason);
                listener.onRejected(in.nodeId(), reason);
            }
        }
        if (answered.size() < selected.size()) {
            List<String> missing = selected.stream().filter(n -> !answered.contains(n)).toList();
            log.warn("round {} {}: deadline passed without {}", round, stage.segment(), missing);
        }
        return answered;
    }

    private static String admit(Inbound in, long round, Stage stage, List<String> selected, Set<String> answered) {
        long claimedRound = in.message() instanceof ModelUpdate u ? u.round() : ((EvaluationReport) in.message()).round();
        if (claimedRound != in.topicRound()) return "payload says round " + claimedRound + ", topic says " + in.topicRound();
        if (in.topicRound() != round) return "stale or replayed: the current round is " + round;
        if (in.stage() != stage) return "the round is not collecting " + in.stage().segment() + " now";
        if (!selected.contains(in.nodeId())) return "node was not selected for this round";
        if (answered.contains(in.nodeId())) return "duplicate: already counted";
        return null;
    }

    private void announce(long round, Phase phase, GlobalModel model, List<String> selected, Duration window) throws TransportException {
        long deadline = System.currentTimeMillis() + window.toMillis();
        RoundState s = new RoundState(round, phase, model.version(), model.hash(), config.plan(), selected, deadline);
        publish(topics.round(), codec.encode(s), true);
    }

    private void closeRound(long round, List<String> selected) {
        try {
            announce(round, Phase.CLOSED, accepted, selected, Duration.ofMillis(1));
        } catch (TransportException e) {
            log.warn("could not announce the end of round {}: {}", round, e.getMessage());
        }
    }

    private void publishAcceptedPointer() throws TransportException {
        AcceptedModel pointer = new AcceptedModel(accepted.version(), accepted.hash(), acceptedRecord.round(), acceptedRecord.accuracy());
        publish(topics.acceptedModel(), codec.encode(pointer), true);
    }

    private void publish(String topic, byte[] payload, boolean retained) throws TransportException {
        transport.publish(topic, payload, retained);
    }

    private RoundReport failed(long round, int selected, int answered, double trainLoss, String reason, long start,
                               Transport.Traffic before) {
        log.warn("round {} produced no model: {}; the fleet keeps v{}", round, reason, accepted.version());
        Transport.Traffic t = transport.traffic().minus(before);
        return new RoundReport(round, selected, answered, trainLoss, 0, Double.NaN, Double.NaN, 0, false, reason,
                t.bytesSent(), t.bytesReceived(), Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public void close() { transport.close(); }
}
