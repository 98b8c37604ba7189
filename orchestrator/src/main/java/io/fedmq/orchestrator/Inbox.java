package io.fedmq.orchestrator;

import io.fedmq.protocol.NodeMessage;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.WireFormatException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boundary where node messages enter the orchestrator: decodes on the transport's thread, rejects (with a
 * log line) whatever is malformed or claims another node's identity, and queues the rest for the round thread.
 * Node status goes straight to the registry.
 */
final class Inbox {
    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    /** Bounds memory if nodes flood the orchestrator while no round is collecting. */
    private static final int CAPACITY = 10_000;

    private final Topics topics;
    private final WireCodec codec;
    private final NodeRegistry registry;
    private final RoundListener listener;
    private final BlockingQueue<Inbound> queue = new LinkedBlockingQueue<>(CAPACITY);

    Inbox(Topics topics, WireCodec codec, NodeRegistry registry, RoundListener listener) {
        this.listener = listener;
        this.topics = topics;
        this.codec = codec;
        this.registry = registry;
    }

    /** A node's message for one stage of one round, decoded and attributed to the node named by its topic. */
    record Inbound(long topicRound, Stage stage, String nodeId, NodeMessage message) {}

    /** The transport handler: never throws. */
    void onMessage(String topic, byte[] payload, boolean retained) {
        Topics.Address a = topics.parse(topic).orElse(null);
        if (a == null) return;
        try {
            switch (a.kind()) {
                case NODE_STATUS -> onStatus(a.nodeId(), payload);
                case NODE_STAGE -> onStage(a, payload);
                default -> { } // the orchestrator's own publications
            }
        } catch (WireFormatException e) {
            log.warn("rejected message on {}: {}", topic, e.getMessage());
            listener.onRejected(topic, e.getMessage());
        }
    }

    private void onStatus(String nodeId, byte[] payload) throws WireFormatException {
        if (payload.length == 0) {
            registry.forget(nodeId);
            return;
        }
        NodeStatus s = codec.decode(payload, NodeStatus.class);
        if (!s.nodeId().equals(nodeId)) throw new WireFormatException("status of " + s.nodeId() + " published on " + nodeId + "'s topic");
        registry.update(s);
    }

    private void onStage(Topics.Address a, byte[] payload) throws WireFormatException {
        NodeMessage m = codec.decode(payload, a.stage().nodeMessage());
        if (!m.nodeId().equals(a.nodeId())) {
            throw new WireFormatException("payload claims node " + m.nodeId() + " but arrived on " + a.nodeId() + "'s topic");
        }
        if (!queue.offer(new Inbound(a.round(), a.stage(), a.nodeId(), m))) {
            log.warn("inbox full ({} messages): dropped {} from {}", CAPACITY, a.stage().segment(), a.nodeId());
        }
    }

    /** The next message, or null when {@code millis} pass first. */
    Inbound poll(long millis) throws InterruptedException { return queue.poll(Math.max(0, millis), TimeUnit.MILLISECONDS); }
}
