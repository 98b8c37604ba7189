package io.fedmq.mqtt;

import io.fedmq.protocol.WireLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a {@link PahoTransport} connects. Start from {@link #persistent} (edge nodes, the orchestrator) or
 * {@link #ephemeral} (monitors, one-shot tools, tests) and adjust with the {@code with*} methods.
 *
 * @param serverUri            the broker, e.g. {@code tcp://127.0.0.1:1883}
 * @param clientId             the MQTT client identifier; a persistent session is found again by it
 * @param cleanStart           false to resume the session the broker kept for this client id
 * @param sessionExpirySeconds how long the broker keeps the session (subscriptions, queued QoS 1 messages)
 *                             after a disconnect; 0 ends it with the connection
 * @param will                 the Last Will the broker publishes if the connection dies, or null for none
 * @param credentials          user name and password, or null to connect anonymously
 * @param connectTimeout       how long a connect (and each reconnect attempt) may take
 * @param keepAliveSeconds     the MQTT keep-alive; a dead connection is noticed after about 1.5 times this
 * @param operationTimeout     how long a publish waits for its PUBACK (and for a lost connection to return),
 *                             and a subscribe for its SUBACK
 * @param maxReconnectDelay    the longest pause between reconnect attempts; the pause doubles from 1 s up to it
 * @param maxPacketBytes       the largest MQTT packet this client sends or accepts; the broker is told, and drops
 *                             larger messages for this client instead of sending them. A larger publish is refused
 *                             before it leaves (so is one above the broker's own maximum), and the connection stays
 * @param tls                  for an {@code ssl://} broker: the CA to trust and the client certificate to show; null
 *                             there trusts the JDK's public CAs and shows none. Must be null for {@code tcp://}
 */
public record MqttSettings(String serverUri, String clientId, boolean cleanStart, long sessionExpirySeconds,
                           Will will, Credentials credentials, Duration connectTimeout, int keepAliveSeconds,
                           Duration operationTimeout, Duration maxReconnectDelay, int maxPacketBytes, ClientTls tls) {

    /** Long enough for a node to reboot or ride out a Wi-Fi drop; short enough that the broker forgets dead nodes. */
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 3600;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 30;
    /** A 64 MiB model over a slow Wi-Fi link takes tens of seconds. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
    /** The same as the embedded broker's: what carries the largest message fedmq's decoders accept (65 MiB). */
    public static final int DEFAULT_MAX_PACKET_BYTES = WireLimits.DEFAULT.maxPacketBytes();

    /** The largest session expiry MQTT can express (about 136 years). */
    private static final long MAX_INTERVAL = 0xFFFF_FFFFL;
    /** MQTT's largest packet: a 268,435,455-byte remaining length and a 5-byte fixed header. */
    private static final int MAX_MQTT_PACKET = 268_435_460;

    public MqttSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        if (!serverUri.matches("(tcp|ssl)://.+:\\d+")) {
            throw new IllegalArgumentException("serverUri must look like tcp://host:port or ssl://host:port, got '" + serverUri + "'");
        }
        if (tls != null && !usesTls(serverUri)) {
            throw new IllegalArgumentException("TLS settings for a plain broker address: use ssl://HOST:PORT instead of " + serverUri);
        }
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isBlank()) throw new IllegalArgumentException("clientId must not be blank");
        requireInterval(sessionExpirySeconds, "sessionExpirySeconds");
        requirePositive(connectTimeout, "connectTimeout");
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65_535) {
            throw new IllegalArgumentException("keepAliveSeconds must be in [0, 65535], got " + keepAliveSeconds);
        }
        requirePositive(operationTimeout, "operationTimeout");
        requirePositive(maxReconnectDelay, "maxReconnectDelay");
        if (maxPacketBytes < 1024 || maxPacketBytes > MAX_MQTT_PACKET) {
            throw new IllegalArgumentException("maxPacketBytes must be in [1024, " + MAX_MQTT_PACKET + "], got " + maxPacketBytes);
        }
    }

    /** A session the broker keeps for {@link #DEFAULT_SESSION_EXPIRY_SECONDS} after a disconnect. Paho's defaults are the opposite. */
    public static MqttSettings persistent(String serverUri, String clientId) {
        return new MqttSettings(serverUri, clientId, false, DEFAULT_SESSION_EXPIRY_SECONDS, null, null,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_KEEP_ALIVE_SECONDS, DEFAULT_OPERATION_TIMEOUT, DEFAULT_MAX_RECONNECT_DELAY,
                DEFAULT_MAX_PACKET_BYTES, null);
    }

    /** A session that starts clean and ends with the connection. */
    public static MqttSettings ephemeral(String serverUri, String clientId) {
        return new MqttSettings(serverUri, clientId, true, 0, null, null,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_KEEP_ALIVE_SECONDS, DEFAULT_OPERATION_TIMEOUT, DEFAULT_MAX_RECONNECT_DELAY,
                DEFAULT_MAX_PACKET_BYTES, null);
    }

    public MqttSettings withSession(boolean cleanStart, long sessionExpirySeconds) {
        return new MqttSettings(serverUri, clientId, cleanStart, sessionExpirySeconds, will, credentials,
                connectTimeout, keepAliveSeconds, operationTimeout, maxReconnectDelay, maxPacketBytes, tls);
    }

    public MqttSettings withWill(Will will) {
        return new MqttSettings(serverUri, clientId, cleanStart, sessionExpirySeconds, will, credentials,
                connectTimeout, keepAliveSeconds, operationTimeout, maxReconnectDelay, maxPacketBytes, tls);
    }

    public MqttSettings withCredentials(Credentials credentials) {
        return new MqttSettings(serverUri, clientId, cleanStart, sessionExpirySeconds, will, credentials,
                connectTimeout, keepAliveSeconds, operationTimeout, maxReconnectDelay, maxPacketBytes, tls);
    }

    public MqttSettings withConnectTimeout(Duration connectTimeout) {
        return new MqttSettings(serverUri, clientId, cleanStart, sessionExpirySeconds, will, credentials,
                connectTimeout, keepAliveSeconds, operationTimeout, maxReconnectDelay, maxPacketBytes, tls);
    }

    public MqttSettings withKeepAliveSeconds(int keepAliveSeconds) {
        return new MqttSettings(serverUri, clientId, cleanStart, sessionExpirySeconds, will, credentials,
                connectTimeout, keepAliveSeconds, operationTimeout, maxReconnectDelay, maxPacketBytes, tls);
    }

    public MqttSettings withOperationTimeout(Duration operationTimeout) {
        return new MqttSettings(serverUri, clientId, cleanStart, sessionExpirySeconds, will, credentials,
                connectTimeout, keepAliveSeconds, operationTimeout, maxReconnectDelay, maxPacketBytes, tls);
    }

    public MqttSettings withMaxReconnectDelay(Duration maxReconnectDelay) {
        return new MqttSettings(serverUri, clientId, cleanStart, sessionExpirySeconds, will, credentials,
                connectTimeout, keepAliveSeconds, operationTimeout, maxReconnectDelay, maxPacketBytes, tls);
    }

    public MqttSettings withMaxPacketBytes(int maxPacketBytes) {
        return new MqttSettings(serverUri, clientId, cleanStart, sessionExpirySeconds, will, credentials,
                connectTimeout, keepAliveSeconds, operationTimeout, maxReconnectDelay, maxPacketBytes, tls);
    }

    public MqttSettings withTls(ClientTls tls) {
        return new MqttSettings(serverUri, clientId, cleanStart, sessionExpirySeconds, will, credentials,
                connectTimeout, keepAliveSeconds, operationTimeout, maxReconnectDelay, maxPacketBytes, tls);
    }

    /** Whether the address is {@code ssl://}: TLS, with the broker's certificate checked against its host name. */
    public static boolean usesTls(String serverUri) { return serverUri.startsWith("ssl://"); }

    /**
     * The message the broker publishes (QoS 1) when this client's connection ends without a DISCONNECT.
     *
     * @param topic        where it goes
     * @param payload      what it says; copied in and out
     * @param retained     whether the broker retains it, e.g. so that a node's status topic says "offline"
     * @param delaySeconds how long the broker waits first; a client that reconnects within it cancels the will.
     *                     The broker also sends it when the session expires, whichever comes first
     */
    public record Will(String topic, byte[] payload, boolean retained, long delaySeconds) {
        public Will {
            Objects.requireNonNull(topic, "topic");
            if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
                throw new IllegalArgumentException("will topic must be a non-empty topic without wildcards, got '" + topic + "'");
            }
            payload = Objects.requireNonNull(payload, "payload").clone();
            requireInterval(delaySeconds, "delaySeconds");
        }

        @Override
        public byte[] payload() { return payload.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Will w && topic.equals(w.topic) && Arrays.equals(payload, w.payload)
                    && retained == w.retained && delaySeconds == w.delaySeconds;
        }

        @Override
        public int hashCode() { return Objects.hash(topic, Arrays.hashCode(payload), retained, delaySeconds); }

        @Override
        public String toString() {
            return "Will[topic=" + topic + ", payload=" + payload.length + " bytes, retained=" + retained
                    + ", delaySeconds=" + delaySeconds + "]";
        }
    }

    /**
     * What the client authenticates with. The password is bytes, as in MQTT, so that it never becomes a String
     * that lingers in memory or reaches a log line.
     *
     * @param username the MQTT user name
     * @param password the password, or null for a user name alone; copied in and out
     */
    public record Credentials(String username, byte[] password) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            password = password == null ? null : password.clone();
        }

        @Override
        public byte[] password() { return password == null ? null : password.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Credentials c && username.equals(c.username) && Arrays.equals(password, c.password);
        }

        @Override
        public int hashCode() { return Objects.hash(username, Arrays.hashCode(password)); }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    private static void requireInterval(long seconds, String what) {
        if (seconds < 0 || seconds > MAX_INTERVAL) {
            throw new IllegalArgumentException(what + " must be in [0, " + MAX_INTERVAL + "], got " + seconds);
        }
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
}
