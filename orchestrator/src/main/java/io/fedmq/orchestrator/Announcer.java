package io.fedmq.orchestrator;

import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Message;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.SecAggParams;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Everything the orchestrator tells the fleet goes out through here, encoded once. Every phase boundary
 * passes through {@link #phase}, which first lets the {@link PhaseHook} checkpoint it.
 */
final class Announcer {
    /** Called before a phase is announced; a failure stops the announcement. */
    @FunctionalInterface
    interface PhaseHook {
        void entering(long round, Phase phase, List<String> participants) throws IOException;
    }

    private final Transport transport;
    private final Topics topics;
    private final WireCodec codec;
    private final TrainingPlan plan;
    private final PhaseHook hook;

    Announcer(Transport transport, Topics topics, WireCodec codec, TrainingPlan plan, PhaseHook hook) {
        this.transport = transport;
        this.topics = topics;
        this.codec = codec;
        this.plan = plan;
        this.hook = hook;
    }

    Topics topics() { return topics; }

    /**
     * Checkpoints, then publishes the retained round state: the phase, its model, who takes part, and until when.
     *
     * @throws UncheckedIOException when the checkpoint cannot be written: the round must not go on without it
     */
    void phase(long round, Phase phase, GlobalModel model, List<String> participants, Duration window, SecAggParams secAgg)
            throws TransportException {
        try {
            hook.entering(round, phase, participants);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint round " + round + " entering " + phase, e);
        }
        long deadline = System.currentTimeMillis() + window.toMillis();
        RoundState s = new RoundState(round, phase, model.version(), model.hash(), plan, participants, deadline, secAgg);
        publish(topics.round(), s, true);
    }

    void publish(String topic, Message m, boolean retained) throws TransportException {
        transport.publish(topic, codec.encode(m), retained);
    }

    void clearRetained(String topic) throws TransportException { transport.clearRetained(topic); }
}
