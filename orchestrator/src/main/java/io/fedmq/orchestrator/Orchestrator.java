package io.fedmq.orchestrator;

import io.fedmq.orchestrator.AcceptanceGate.Verdict;
import io.fedmq.orchestrator.ModelRecord.Status;
import io.fedmq.orchestrator.RoundJournal.Checkpoint;
import io.fedmq.orchestrator.RoundJournal.Step;
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
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The round loop: select, announce, collect updates until everyone answered or the deadline passed, aggregate,
 * have the nodes evaluate the candidate, judge it, publish the verdict. All round state lives on the thread
 * that calls {@link #run()}; messages reach it through the {@link Inbox}. Every phase boundary is checkpointed
 * in the {@link RoundJournal} and every verdict reaches the disk before anyone is told, so a crash at any moment
 * loses at most the round in flight and never an accepted model. A round that cannot complete is reported as
 * failed and the accepted model stays as it was.
 */
public final class Orchestrator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);
    /** The pause after a round the broker cut short, so that an outage does not burn through rounds. */
    private static final Duration BROKER_RETRY = Duration.ofSeconds(2);

    private final OrchestratorConfig config;
    private final Transport transport;
    private final ModelStore store;
    private final RoundJournal journal;
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
    private Checkpoint checkpoint;

    public Orchestrator(OrchestratorConfig config, Transport transport, ModelStore store, Strategy strategy,
                        RoundListener listener, WireCodec codec) {
        this.config = config;
        this.transport = transport;
        this.store = store;
        this.journal = new RoundJournal(store);
        this.strategy = strategy;
        this.listener = listener;
        this.codec = codec;
        this.topics = new Topics(config.fleet());
        this.inbox = new Inbox(topics, codec, registry, listener);
        this.collector = new Collector(inbox, listener);
        this.sampler = new Sampler(config.sampling(), config.minNodes());
        this.announcer = new Announcer(transport, topics, codec, config.plan(), this::checkpointPhase);
        this.aggregation = config.secAgg() == null
                ? new PlainAggregation(announcer, collector, config.trainDeadline())
                : new SecureAggregation(announcer, collector, config.secAgg(), config.trainDeadline());
        if (config.secAgg() == null) {
            log.warn("PLAIN UPDATES: secure aggregation is off; the orchestrator and the broker can read every node's update");
        }
    }

    /**
     * Resumes from the trail (finishing or closing a round a crash interrupted), or adopts {@code initial} when
     * the store is empty; publishes the accepted model for the fleet and starts listening to the nodes.
     */
    public void start(GlobalModel initial) throws IOException, TransportException {
        if (store.acceptedVersion().isEmpty()) {
            store.save(initial, new ModelRecord(initial.version(), 0, 0, initial.hash(), "initial", 0, 0, 0, Double.NaN,
                    Double.NaN, Status.INITIAL, "initial model", Instant.now()));
            store.markAccepted(initial.version());
            store.appendHistory("initial v" + initial.version() + " (" + initial.parameters().size() + " parameters)");
            log.info("starting from initial model v{} ({} parameters)", initial.version(), initial.parameters().size());
        }
        Resume.Outcome resumed = Resume.recover(store, journal);
        checkpoint = resumed.checkpoint();
        adoptStoredAccepted();
        if (checkpoint.round() > 0) {
            log.info("resuming from accepted model v{} in {}: {} of {} rounds done, next is round {}", accepted.version(), store.dir(),
                    checkpoint.completed(), config.untilStopped() ? "unlimited" : config.rounds(), checkpoint.round() + 1);
        }
        for (long v : resumed.abandoned()) announcer.clearRetained(topics.model(v));
        transport.subscribe(topics.nodeStatusFilter(), inbox::onMessage);
        transport.subscribe(topics.nodeStageFilter(), inbox::onMessage);
        publishAccepted();
    }

    public GlobalModel acceptedModel() { return accepted; }

    /**
     * Runs rounds until the trail holds {@link OrchestratorConfig#rounds()} finished rounds (a restarted
     * orchestrator goes on to the same total), or until interrupted when that is 0, pausing
     * {@link OrchestratorConfig#roundInterval()} between rounds. Rounds are numbered on from the last one in the trail.
     */
    public List<RoundReport> run() throws IOException, InterruptedException {
        List<RoundReport> reports = new ArrayList<>();
        while (config.untilStopped() || checkpoint.completed() < config.rounds()) {
            RoundReport report = runRound(checkpoint.round() + 1);
            publishOutcome(report);
            if (!config.untilStopped()) reports.add(report); // a service running for months keeps no history here: the trail has it
            listener.onRoundFinished(report);
            boolean more = config.untilStopped() || checkpoint.completed() < config.rounds();
            if (more && !config.roundInterval().isZero()) {
                log.info("next round in {}", config.roundInterval());
                Thread.sleep(config.roundInterval().toMillis());
            }
        }
        return reports;
    }

    RoundReport runRound(long round) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Transport.Traffic before = transport.traffic();
        try {
            if (adoptStoredAccepted()) publishAccepted();
            checkpoint = journal.write(new Checkpoint(round, Step.STARTED, accepted.version(), List.of(), 0, checkpoint.completed()));
            List<String> online = registry.awaitOnline(config.minNodes(), config.nodeWait().toMillis());
            if (online.size() < config.minNodes()) {
                return failed(round, online.size(), 0, "only " + online.size() + " of " + config.minNodes()
                        + " required nodes online", null, start, before);
            }
            List<String> selected = sampler.select(round, online);
            log.info("round {}: selected {} of {} online nodes", round, selected.size(), online.size());
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
                candidate = new GlobalModel(version, accepted.version(), round, accepted.spec(),
                        Tensor.of(accepted.parameters().shape(), step.parameters()));
                store.saveState(version, step.state());
            } catch (IllegalArgumentException e) {
                closeRound(round, selected);
                return failed(round, selected.size(), aggregate.contributors(), "aggregate rejected: " + e.getMessage(),
                        aggregate.secAgg(), start, before);
            }
            ModelRecord record = new ModelRecord(version, accepted.version(), round, candidate.hash(), strategy.name(), selected.size(),
                    aggregate.contributors(), 0, Double.NaN, Double.NaN, Status.CANDIDATE, "awaiting evaluation", Instant.now());
            store.save(candidate, record);
            checkpoint = checkpoint.withCandidate(version);
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
            verdict = record(round, candidate, record.judged(evaluated.size(), accuracy, loss, Status.REJECTED, ""), verdict);
            if (verdict.accepted()) {
                long previous = accepted.version();
                accepted = candidate;
                acceptedRecord = store.record(version).orElseThrow();
                publishAccepted();
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
            RoundReport r = failed(round, 0, 0, "broker unreachable: " + e.getMessage(), null, start, before, false);
            Thread.sleep(BROKER_RETRY.toMillis()); // the transport reconnects meanwhile; this round does not count
            return r;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes the verdict to the candidate's record, then moves the accepted pointer, under the store's lock and
     * before anyone is told. A verdict is void if an operator rolled the accepted model back during the round.
     */
    private Verdict record(long round, GlobalModel candidate, ModelRecord judged, Verdict verdict) throws IOException {
        Verdict v = store.locked(() -> {
            long pointer = store.acceptedVersion().orElse(0);
            Verdict effective = pointer == checkpoint.base() ? verdict
                    : new Verdict(false, "the accepted model changed to v" + pointer + " during the round (rollback)");
            store.saveRecord(judged.withVerdict(effective.accepted() ? Status.ACCEPTED : Status.REJECTED, effective.reason()));
            if (effective.accepted()) store.markAccepted(candidate.version());
            store.appendHistory((effective.accepted() ? "accepted v" : "rejected v") + candidate.version() + " in round " + round
                    + ": " + effective.reason());
            return effective;
        });
        checkpoint = journal.write(checkpoint.done(true));
        return v;
    }

    /** Adopts the store's accepted pointer if it moved (an operator's rollback); true when it did. */
    private boolean adoptStoredAccepted() throws IOException {
        long v = store.acceptedVersion().orElseThrow(() -> new IOException("the model trail in " + store.dir() + " has no accepted model"));
        if (accepted != null && accepted.version() == v) return false;
        if (accepted != null) {
            log.warn("the trail's accepted model moved from v{} to v{} outside this orchestrator (rollback): the fleet goes on from v{}",
                    accepted.version(), v, v);
        }
        accepted = store.load(v);
        acceptedRecord = store.record(v).orElseThrow(() -> new IOException("model v" + v + " has no record in " + store.dir()));
        return true;
    }

    private void checkpointPhase(long round, Phase phase, List<String> participants) throws IOException {
        if (phase == Phase.CLOSED || round != checkpoint.round()) return;
        checkpoint = journal.write(checkpoint.at(Step.valueOf(phase.name()), participants));
    }

    private void closeRound(long round, List<String> selected) {
        try {
            announcer.phase(round, Phase.CLOSED, accepted, selected, Duration.ofMillis(1), null);
        } catch (TransportException e) {
            log.warn("could not announce the end of round {}: {}", round, e.getMessage());
        }
    }

    /** The accepted model on its retained topic, then the retained pointer that tells nodes to run it. */
    private void publishAccepted() throws TransportException, IOException {
        ModelTrail.publishAccepted(transport, topics, codec, accepted, acceptedRecord, store.acceptedEpoch());
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
                               Transport.Traffic before) throws IOException {
        return failed(round, selected, answered, reason, secAgg, start, before, true);
    }

    /** Closes a round that produced no verdict; {@code counts} says whether it counts towards the rounds to run. */
    private RoundReport failed(long round, int selected, int answered, String reason, SecAggSummary secAgg, long start,
                               Transport.Traffic before, boolean counts) throws IOException {
        log.warn("round {} produced no model: {}; the fleet keeps v{}", round, reason, accepted.version());
        if (checkpoint.round() == round && checkpoint.interrupted()) {
            long c = checkpoint.candidate();
            ModelRecord r = c == 0 ? null : store.record(c).orElse(null);
            if (r != null && r.status() == Status.CANDIDATE) {
                store.saveRecord(r.withVerdict(Status.ABANDONED, reason));
                try {
                    announcer.clearRetained(topics.model(c));
                } catch (TransportException e) {
                    log.warn("could not clear the retained candidate v{}: {}", c, e.getMessage()); // cleared on the next start
                }
            }
            store.appendHistory("round " + round + " produced no model: " + reason);
            checkpoint = journal.write(checkpoint.done(counts));
        }
        Transport.Traffic t = transport.traffic().minus(before);
        return new RoundReport(round, selected, answered, Double.NaN, 0, Double.NaN, Double.NaN, 0, false, reason,
                t.bytesSent(), t.bytesReceived(), Duration.ofNanos(System.nanoTime() - start), secAgg);
    }

    @Override
    public void close() { transport.close(); }
}
