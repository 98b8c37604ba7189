package io.fedmq.broker;

import io.fedmq.protocol.WireLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the embedded broker. Build one with {@link #loopback(Path, int)} and adjust it with the
 * {@code with*} methods.
 *
 * @param host           the address the TCP listener binds to; {@code 127.0.0.1} unless the fleet is on a LAN
 * @param port           the TCP port, or 0 to pick a free one when the broker starts
 * @param dataFolder     the broker's home: its {@code conf/} (written by fedmq), {@code extensions/} and
 *                       HiveMQ's persistence (sessions, retained messages) all live here
 * @param maxPacketBytes the largest MQTT packet the broker accepts; a client that sends a larger one is
 *                       disconnected (reason 0x95), and it is told this maximum when it connects
 * @param receiveMaximum how many QoS 1 publishes one client may have in flight towards the broker
 * @param startTimeout   how long {@link EmbeddedBroker#start()} waits for HiveMQ before giving up
 * @param authenticator  decides who may connect and what each may publish and subscribe to; a secured broker
 *                       uses a {@code StoreAuthenticator} over a credentials store
 * @param limits         what one client may cost the broker: queue, session lifetime, lengths, publish rate
 * @param tls            a TLS listener on {@code host}, or null for none; with one, the plain TCP listener binds
 *                       127.0.0.1 only, so nothing crosses the network in clear
 */
public record BrokerConfig(String host, int port, Path dataFolder, int maxPacketBytes, int receiveMaximum,
                           Duration startTimeout, ClientAuthenticator authenticator, BrokerLimits limits, BrokerTls tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /**
     * 65 MiB: the packet that carries the largest message fedmq's decoders accept (64 MiB, {@link WireLimits}),
     * with room for its signature, topic and MQTT header. Nothing larger could be decoded by anyone anyway.
     */
    public static final int DEFAULT_MAX_PACKET_BYTES = WireLimits.DEFAULT.maxPacketBytes();
    /** HiveMQ's own default is 10, which makes concurrent QoS 1 publishes of a round fail in Paho. */
    public static final int DEFAULT_RECEIVE_MAXIMUM = 1000;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** HiveMQ refuses larger values (256 MiB plus the fixed header). */
    private static final int HIVEMQ_MAX_PACKET_BYTES = 268_435_460;

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("host must not be blank");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        dataFolder = Objects.requireNonNull(dataFolder, "dataFolder").toAbsolutePath().normalize();
        if (maxPacketBytes < 1024 || maxPacketBytes > HIVEMQ_MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("maxPacketBytes must be in [1024, " + HIVEMQ_MAX_PACKET_BYTES + "], got " + maxPacketBytes);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receiveMaximum must be in [1, 65535], got " + receiveMaximum);
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) throw new IllegalArgumentException("startTimeout must be positive");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * A broker on {@code 127.0.0.1:port} (0 for any free port) that is OPEN: every client gets in and may publish
     * anywhere, and the broker says so loudly when it starts. Secure it with {@link #withAuthenticator}.
     */
    public static BrokerConfig loopback(Path dataFolder, int port) {
        return new BrokerConfig(DEFAULT_HOST, port, dataFolder, DEFAULT_MAX_PACKET_BYTES, DEFAULT_RECEIVE_MAXIMUM,
                DEFAULT_START_TIMEOUT, ClientAuthenticator.allowAll(), BrokerLimits.DEFAULT, null);
    }

    public BrokerConfig withHost(String host) {
        return new BrokerConfig(host, port, dataFolder, maxPacketBytes, receiveMaximum, startTimeout, authenticator, limits, tls);
    }

    public BrokerConfig withPort(int port) {
        return new BrokerConfig(host, port, dataFolder, maxPacketBytes, receiveMaximum, startTimeout, authenticator, limits, tls);
    }

    public BrokerConfig withMaxPacketBytes(int maxPacketBytes) {
        return new BrokerConfig(host, port, dataFolder, maxPacketBytes, receiveMaximum, startTimeout, authenticator, limits, tls);
    }

    public BrokerConfig withReceiveMaximum(int receiveMaximum) {
        return new BrokerConfig(host, port, dataFolder, maxPacketBytes, receiveMaximum, startTimeout, authenticator, limits, tls);
    }

    public BrokerConfig withStartTimeout(Duration startTimeout) {
        return new BrokerConfig(host, port, dataFolder, maxPacketBytes, receiveMaximum, startTimeout, authenticator, limits, tls);
    }

    public BrokerConfig withAuthenticator(ClientAuthenticator authenticator) {
        return new BrokerConfig(host, port, dataFolder, maxPacketBytes, receiveMaximum, startTimeout, authenticator, limits, tls);
    }

    public BrokerConfig withLimits(BrokerLimits limits) {
        return new BrokerConfig(host, port, dataFolder, maxPacketBytes, receiveMaximum, startTimeout, authenticator, limits, tls);
    }

    /** Adds a TLS listener (null removes it); the plain TCP listener then serves 127.0.0.1 alone. */
    public BrokerConfig withTls(BrokerTls tls) {
        return new BrokerConfig(host, port, dataFolder, maxPacketBytes, receiveMaximum, startTimeout, authenticator, limits, tls);
    }

    /** Where the plain TCP listener binds: the broker's host, or loopback alone when TLS serves the network. */
    public String plainHost() { return tls == null ? host : DEFAULT_HOST; }

    /** Where fedmq writes HiveMQ's {@code config.xml}. */
    public Path configFolder() { return dataFolder.resolve("conf"); }

    /** HiveMQ's extension folder; fedmq installs its extension in-process, so this stays empty. */
    public Path extensionsFolder() { return dataFolder.resolve("extensions"); }
}
