package io.fedmq.orchestrator;

import io.fedmq.orchestrator.Inbox.Inbound;
import io.fedmq.protocol.NodeMessage;
import io.fedmq.protocol.Stage;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one message per expected node for one stage of one round, until all answered, the caller has
 * enough, or the deadline passes. Everything else is rejected with a log line and reported to the listener:
 * other rounds (late or replayed), other stages, unexpected nodes, duplicates, and whatever the stage's own
 * check refuses. Runs on the round thread.
 */
final class Collector {
    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    private final Inbox inbox;
    private final RoundListener listener;
    /** Stages of the current round already collected: a late answer to one is expected, not hostile. */
    private final java.util.EnumSet<Stage> closed = java.util.EnumSet.noneOf(Stage.class);
    private long closedRound;

    Collector(Inbox inbox, RoundListener listener) {
        this.inbox = inbox;
        this.listener = listener;
    }

    /**
     * @param accept takes a message that passed the common checks and returns null, or the reason it refuses it
     * @param enough checked after each accepted message; true ends the collection early
     * @return the nodes whose message was accepted, in arrival order
     */
    <T extends NodeMessage> Set<String> collect(long round, Stage stage, Class<T> type, Collection<String> expected,
                                                Duration window, Function<T, String> accept, BooleanSupplier enough)
            throws InterruptedException {
        Set<String> answered = new LinkedHashSet<>();
        if (round != closedRound) {
            closed.clear();
            closedRound = round;
        }
        long deadline = System.nanoTime() + window.toNanos();
        while (answered.size() < expected.size() && !(answered.size() > 0 && enough.getAsBoolean())) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) break;
            Inbound in = inbox.poll(left);
            if (in == null) break;
            if (in.topicRound() == round && in.stage() != stage && closed.contains(in.stage())) {
                log.debug("late {} from {} for round {}: that stage is over", in.stage().segment(), in.nodeId(), round);
                continue;
            }
            String reason = admit(in, round, stage, expected, answered);
            if (reason == null) reason = accept.apply(type.cast(in.message()));
            if (reason == null) {
                answered.add(in.nodeId());
                listener.onProgress(round, stage.segment(), answered.size(), expected.size());
            } else {
                log.warn("rejected {} from {} for round {}: {}", in.stage().segment(), in.nodeId(), in.topicRound(), reason);
                listener.onRejected(in.nodeId(), reason);
            }
        }
        closed.add(stage);
        if (answered.size() < expected.size() && !enough.getAsBoolean()) {
            log.warn("round {} {}: deadline passed without {}", round, stage.segment(),
                    expected.stream().filter(n -> !answered.contains(n)).toList());
        }
        return answered;
    }

    <T extends NodeMessage> Set<String> collect(long round, Stage stage, Class<T> type, Collection<String> expected,
                                                Duration window, Function<T, String> accept) throws InterruptedException {
        return collect(round, stage, type, expected, window, accept, () -> false);
    }

    private static String admit(Inbound in, long round, Stage stage, Collection<String> expected, Set<String> answered) {
        long claimedRound = in.message().round();
        if (claimedRound != in.topicRound()) return "payload says round " + claimedRound + ", topic says " + in.topicRound();
        if (in.topicRound() != round) return "stale or replayed: the current round is " + round;
        if (in.stage() != stage) return "the round is not collecting " + in.stage().segment() + " now";
        if (!expected.contains(in.nodeId())) return "node was not selected for this stage of the round";
        if (answered.contains(in.nodeId())) return "duplicate: already counted";
        return null;
    }
}
