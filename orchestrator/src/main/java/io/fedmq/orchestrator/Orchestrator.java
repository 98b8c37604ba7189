package io.fedmq.orchestrator;

import io.fedmq.orchestrator.AcceptanceGate.Verdict;
import io.fedmq.orchestrator.ModelRecord.Status;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.EvaluationReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.RoundOutcome;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.Strategy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    private final Collector collector;
    private final Announcer announcer;
    private final Aggregation aggregation;
    private final Sampler sampler;

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
        this.collector = new Collector(inbox, listener);
        this.sampler = new Sampler(config.sampling(), config.minNodes());
        this.announcer = new Announcer(transport, topics, codec, config.plan());
        this.aggregation = config.secAgg() == null
                ? new PlainAggregation(announcer, collector, config.trainDeadline())
                : new SecureAggregation(announcer, collector, config.secAgg(), config.trainDeadline());
        if (config.secAgg() == null) {
            log.warn("PLAIN UPDATES: secure aggregation is off; the orchestrator and the broker can read every node's update");
        }
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
        announcer.publish(topics.model(accepted.version()), accepted, true);
        publishAcceptedPointer();
    }

    public GlobalModel acceptedModel() { return accepted; }

    /** Runs the configured number of rounds, numbered on from the last round in the model store. */
    public List<RoundReport> run() throws IOException, InterruptedException {
        long first = lastRound() + 1;
        List<RoundReport> reports = new ArrayList<>();
        for (long r = first; r < first + config.rounds(); r++) {
            RoundReport report = runRound(r);
            publishOutcome(report);
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
        List<String> online = registry.awaitOnline(config.minNodes(), config.nodeWait().toMillis());
        if (online.size() < config.minNodes()) {
            return failed(round, online.size(), 0, "only " + online.size() + " of " + config.minNodes()
                    + " required nodes online", null, start, before);
        }
        List<String> selected = sampler.select(round, online);
        try {
            Aggregation.Aggregate aggregate;
            try {
                aggregate = aggregation.run(round, accepted, selected);
            } catch (Aggregation.Failed e) {
                closeRound(round, selected);
                return failed(round, selected.size(), e.contributors, e.getMessage(), e.secAgg, start, before);
            }
            GlobalModel candidate;
            long version = Math.max(store.latestVersion(), accepted.version()) + 1;
            try {
                Strategy.Step step = strategy.apply(accepted.parameters().toArray(), aggregate.meanDelta(), store.state(accepted.version()));
                candidate = new GlobalModel(version, accepted.version(), round, accepted.spec(), Tensor.of(accepted.parameters().shape(), step.parameters()));
                store.saveState(version, step.state());
            } catch (IllegalArgumentException e) {
                closeRound(round, selected);
                return failed(round, selected.size(), aggregate.contributors(), "aggregate rejected: " + e.getMessage(),
                        aggregate.secAgg(), start, before);
            }
            ModelRecord record = new ModelRecord(version, accepted.version(), round, candidate.hash(), strategy.name(),
                    aggregate.contributors(), 0, Double.NaN, Double.NaN, Status.CANDIDATE, "awaiting evaluation");
            store.save(candidate, record);
            announcer.publish(topics.model(version), candidate, true);

            // Evaluation: the nodes test the candidate on their held-out data.
            announcer.phase(round, Phase.EVALUATING, candidate, selected, config.evalDeadline(), null);
            double[] eval = {0, 0, 0}; // examples, weighted accuracy, weighted loss
            Set<String> evaluated = collector.collect(round, Stage.REPORT, EvaluationReport.class, selected, config.evalDeadline(), e -> {
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
            record = new ModelRecord(version, accepted.version(), round, candidate.hash(), strategy.name(), aggregate.contributors(),
                    evaluated.size(), accuracy, loss, verdict.accepted() ? Status.ACCEPTED : Status.REJECTED, verdict.reason());
            store.saveRecord(record);
            if (verdict.accepted()) {
                long previous = accepted.version();
                store.markAccepted(version); // on disk before anyone is told
                accepted = candidate;
                acceptedRecord = record;
                publishAcceptedPointer();
                announcer.clearRetained(topics.model(previous));
                log.info("round {}: accepted v{} ({})", round, version, verdict.reason());
            } else {
                announcer.clearRetained(topics.model(version));
                log.warn("round {}: rejected v{}, fleet keeps v{} ({})", round, version, accepted.version(), verdict.reason());
            }
            closeRound(round, selected);
            Transport.Traffic t = transport.traffic().minus(before);
            return new RoundReport(round, selected.size(), aggregate.contributors(), aggregate.meanTrainLoss(), evaluated.size(),
                    accuracy, loss, version, verdict.accepted(), verdict.reason(), t.bytesSent(), t.bytesReceived(),
                    Duration.ofNanos(System.nanoTime() - start), aggregate.secAgg());
        } catch (TransportException e) {
            log.error("round {} failed: {}", round, e.getMessage());
            return failed(round, selected.size(), 0, "broker unreachable: " + e.getMessage(), null, start, before);
        }
    }

    private void closeRound(long round, List<String> selected) {
        try {
            announcer.phase(round, Phase.CLOSED, accepted, selected, Duration.ofMillis(1), null);
        } catch (TransportException e) {
            log.warn("could not announce the end of round {}: {}", round, e.getMessage());
        }
    }

    private void publishAcceptedPointer() throws TransportException {
        AcceptedModel pointer = new AcceptedModel(accepted.version(), accepted.hash(), acceptedRecord.round(), acceptedRecord.accuracy());
        announcer.publish(topics.acceptedModel(), pointer, true);
    }

    /** Tells operators and monitors how the round ended, and why, on the retained outcome topic. */
    private void publishOutcome(RoundReport r) {
        SecAggSummary s = r.secAgg();
        RoundOutcome outcome = new RoundOutcome(r.round(), r.accepted(), r.candidate(), accepted.version(), r.reason(), r.testAccuracy(),
                r.answered(), s != null, s == null ? 0 : s.selected(), s == null ? 0 : s.threshold(), s == null ? 0 : s.degree(),
                s == null ? 0 : s.dropped(), s == null ? 0 : s.recovered(), s == null ? 0 : s.maskedBytesPerParameter());
        try {
            announcer.publish(topics.outcome(), outcome, true);
        } catch (TransportException e) {
            log.warn("could not publish the outcome of round {}: {}", r.round(), e.getMessage());
        }
    }

    private RoundReport failed(long round, int selected, int answered, String reason, SecAggSummary secAgg, long start,
                               Transport.Traffic before) {
        log.warn("round {} produced no model: {}; the fleet keeps v{}", round, reason, accepted.version());
        Transport.Traffic t = transport.traffic().minus(before);
        return new RoundReport(round, selected, answered, Double.NaN, 0, Double.NaN, Double.NaN, 0, false, reason,
                t.bytesSent(), t.bytesReceived(), Duration.ofNanos(System.nanoTime() - start), secAgg);
    }

    @Override
    public void close() { transport.close(); }
}
