package io.fedmq.broker;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may cost the embedded broker, so that a buggy or hostile node, or one that vanished, cannot
 * exhaust its memory or disk. {@link BrokerConfig#maxPacketBytes()} caps a single packet; these cap the rest.
 * Start from {@link #DEFAULT} and adjust with the {@code with*} methods.
 *
 * @param maxQueuedMessages  per client: QoS 1 messages the broker holds for a subscriber that is offline or not
 *                           keeping up, counting the ones in flight. When the queue is full the <em>oldest</em>
 *                           is dropped, because a node that comes back needs the latest round state and model,
 *                           not the first ones it missed
 * @param maxSessionExpiry   the longest the broker keeps a disconnected client's session (subscriptions and queue),
 *                           whatever the client asks for: a node that vanished for good stops costing anything then
 * @param maxClientIdLength  in characters; fedmq's longest client id is {@code fedmq-node-<node>@<fleet>}, 140
 * @param maxTopicLength     in UTF-8 bytes; fedmq's longest topic is a node's stage topic, 172
 * @param publishesPerSecond per client: sustained publish rate; a publish above it is not delivered and a QoS 1
 *                           publisher gets PUBACK "quota exceeded" (0x97). 0 turns the limit off
 * @param publishBurst       per client: publishes allowed at once on top of the rate (the token bucket's size)
 * @param incomingBytesPerSecond all clients together: HiveMQ CE can only throttle the broker's total inbound
 *                           traffic, not one client's; 0 (the default) leaves it unthrottled
 */
public record BrokerLimits(int maxQueuedMessages, Duration maxSessionExpiry, int maxClientIdLength, int maxTopicLength,
                           double publishesPerSecond, int publishBurst, long incomingBytesPerSecond) {

    /**
     * The queue also holds what an online client has not acknowledged yet (BrokerEnforcesLimitsTest shows HiveMQ
     * dropping for a subscriber that is connected but slow), so it must exceed the orchestrator's largest burst:
     * every selected node answers a stage at about the same time, and reports its status too. 1000 covers rounds
     * of some 500 nodes; a node away for a hundred rounds (ten messages each) loses only the oldest. The cost of
     * a vanished node's queue is bounded by this and by {@link #maxSessionExpiry}; models it still references
     * stay on the broker's disk until then. (Per-client sizes, large for the orchestrator and small for nodes,
     * need authenticated identities: HiveMQ sets them at authentication.)
     */
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 1000;
    /** A day: nodes ask for an hour ({@code MqttSettings}); this bounds a client that asks for "never". */
    public static final Duration DEFAULT_MAX_SESSION_EXPIRY = Duration.ofDays(1);
    /** fedmq needs 140 ({@code fedmq-node-} + 64-character node id + {@code @} + 64-character fleet: {@code ClientIds}). */
    public static final int DEFAULT_MAX_CLIENT_ID_LENGTH = 256;
    /** fedmq needs 172 ({@code fedmq/v1/<fleet>/round/<19-digit round>/<stage>/<node>}). */
    public static final int DEFAULT_MAX_TOPIC_LENGTH = 256;
    /**
     * Nodes publish about ten messages a round; the orchestrator relays one share bundle per node in a burst,
     * so the burst is sized for fleets of a couple of thousand nodes and the rate for rounds every few seconds.
     */
    public static final double DEFAULT_PUBLISHES_PER_SECOND = 200;
    public static final int DEFAULT_PUBLISH_BURST = 2000;

    public static final BrokerLimits DEFAULT = new BrokerLimits(DEFAULT_MAX_QUEUED_MESSAGES, DEFAULT_MAX_SESSION_EXPIRY,
            DEFAULT_MAX_CLIENT_ID_LENGTH, DEFAULT_MAX_TOPIC_LENGTH, DEFAULT_PUBLISHES_PER_SECOND, DEFAULT_PUBLISH_BURST, 0);

    /** The longest session expiry MQTT can express, 2^32 - 1 seconds. */
    private static final long MAX_INTERVAL_SECONDS = 0xFFFF_FFFFL;
    /** HiveMQ's range for both length limits. */
    private static final int MAX_LENGTH = 65_535;

    public BrokerLimits {
        if (maxQueuedMessages < 1) throw new IllegalArgumentException("maxQueuedMessages must be >= 1, got " + maxQueuedMessages);
        Objects.requireNonNull(maxSessionExpiry, "maxSessionExpiry");
        if (maxSessionExpiry.isNegative() || maxSessionExpiry.getSeconds() > MAX_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("maxSessionExpiry must be in [0, " + MAX_INTERVAL_SECONDS + "] s, got " + maxSessionExpiry);
        }
        requireLength(maxClientIdLength, "maxClientIdLength");
        requireLength(maxTopicLength, "maxTopicLength");
        if (!(publishesPerSecond >= 0) || Double.isInfinite(publishesPerSecond)) {
            throw new IllegalArgumentException("publishesPerSecond must be finite and >= 0, got " + publishesPerSecond);
        }
        if (publishBurst < 1) throw new IllegalArgumentException("publishBurst must be >= 1, got " + publishBurst);
        if (incomingBytesPerSecond < 0) throw new IllegalArgumentException("incomingBytesPerSecond must be >= 0, got " + incomingBytesPerSecond);
    }

    public BrokerLimits withMaxQueuedMessages(int maxQueuedMessages) {
        return new BrokerLimits(maxQueuedMessages, maxSessionExpiry, maxClientIdLength, maxTopicLength, publishesPerSecond, publishBurst, incomingBytesPerSecond);
    }

    public BrokerLimits withMaxSessionExpiry(Duration maxSessionExpiry) {
        return new BrokerLimits(maxQueuedMessages, maxSessionExpiry, maxClientIdLength, maxTopicLength, publishesPerSecond, publishBurst, incomingBytesPerSecond);
    }

    public BrokerLimits withMaxClientIdLength(int maxClientIdLength) {
        return new BrokerLimits(maxQueuedMessages, maxSessionExpiry, maxClientIdLength, maxTopicLength, publishesPerSecond, publishBurst, incomingBytesPerSecond);
    }

    public BrokerLimits withMaxTopicLength(int maxTopicLength) {
        return new BrokerLimits(maxQueuedMessages, maxSessionExpiry, maxClientIdLength, maxTopicLength, publishesPerSecond, publishBurst, incomingBytesPerSecond);
    }

    /** {@code publishesPerSecond} 0 turns the per-client publish rate limit off. */
    public BrokerLimits withPublishRate(double publishesPerSecond, int publishBurst) {
        return new BrokerLimits(maxQueuedMessages, maxSessionExpiry, maxClientIdLength, maxTopicLength, publishesPerSecond, publishBurst, incomingBytesPerSecond);
    }

    public BrokerLimits withIncomingBytesPerSecond(long incomingBytesPerSecond) {
        return new BrokerLimits(maxQueuedMessages, maxSessionExpiry, maxClientIdLength, maxTopicLength, publishesPerSecond, publishBurst, incomingBytesPerSecond);
    }

    /** Whether publishes are rate limited per client. */
    public boolean limitsPublishRate() { return publishesPerSecond > 0; }

    private static void requireLength(int value, String what) {
        if (value < 1 || value > MAX_LENGTH) throw new IllegalArgumentException(what + " must be in [1, " + MAX_LENGTH + "], got " + value);
    }
}
