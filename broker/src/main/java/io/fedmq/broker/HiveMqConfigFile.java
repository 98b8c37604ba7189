package io.fedmq.broker;

import io.fedmq.protocol.security.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes HiveMQ's {@code config.xml}. Without one, embedded HiveMQ falls back to the copy bundled in its jar,
 * which binds 0.0.0.0:1883 and turns anonymous usage statistics on; so fedmq always writes its own, and
 * rewrites it on every start so that the file on disk is exactly what the broker runs with.
 */
final class HiveMqConfigFile {
    static final String FILE_NAME = "config.xml";

    private HiveMqConfigFile() {}

    /**
     * Writes the file into the config folder (atomically, so a crash never leaves half a config; owner-only, as it
     * holds the TLS key stores' password) and returns it.
     */
    static Path write(BrokerConfig config, int port, TlsKeystores.Files tls) throws IOException {
        Path file = Files.createDirectories(config.configFolder()).resolve(FILE_NAME);
        SecretFiles.write(file, render(config, port, tls).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /**
     * The XML for one broker: a TCP listener, and a TLS one when configured (no websockets), fedmq's packet size
     * and limits, no topic aliases.
     */
    static String render(BrokerConfig config, int port, TlsKeystores.Files tls) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by fedmq on every broker start: edit BrokerConfig, not this file. -->
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>fedmq-tcp</name>
                        </tcp-listener>
                %s    </listeners>
                    <mqtt>
                        <packets>
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                        <!-- Paho 1.2.5 resends in-flight publishes after a reconnect as a stale alias without
                             a topic, which gets the client disconnected again and again. -->
                        <topic-alias>
                            <enabled>false</enabled>
                        </topic-alias>
                %s    </mqtt>
                %s    <persistence>
                        <mode>file</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, escape(config.plainHost()), tlsListener(config, tls), config.maxPacketBytes(), config.receiveMaximum(),
                mqttLimits(config.limits()), restrictions(config.limits()));
    }

    /**
     * TLS 1.3 and 1.2 only, with the JDK's default (strong) cipher suites; client certificates REQUIRED when the
     * config names client CAs, so a client without one never gets as far as MQTT.
     */
    private static String tlsListener(BrokerConfig config, TlsKeystores.Files tls) {
        if (tls == null) return "";
        String trust = tls.truststore() == null ? "" : """
                <truststore>
                    <path>%s</path>
                    <password>%s</password>
                </truststore>
                <client-authentication-mode>REQUIRED</client-authentication-mode>
                """.formatted(escape(tls.truststore().toString()), tls.password());
        return """
                <tls-tcp-listener>
                    <port>%d</port>
                    <bind-address>%s</bind-address>
                    <name>fedmq-tls</name>
                    <tls>
                        <keystore>
                            <path>%s</path>
                            <password>%s</password>
                            <private-key-password>%s</private-key-password>
                        </keystore>
                %s        <protocols>
                            <protocol>TLSv1.3</protocol>
                            <protocol>TLSv1.2</protocol>
                        </protocols>
                        <handshake-timeout>10000</handshake-timeout>
                    </tls>
                </tls-tcp-listener>
                """.formatted(tls.port(), escape(config.host()), escape(tls.keystore().toString()), tls.password(), tls.password(),
                trust.indent(8)).indent(8);
    }

    /**
     * Per-client queue and session lifetime, inside {@code <mqtt>}. Message expiry stays at HiveMQ's "never":
     * its maximum would apply to retained messages too, and the fleet's accepted model must stay retained.
     */
    private static String mqttLimits(BrokerLimits limits) {
        return """
                <!-- Per client. A node that comes back needs the newest round state and model: the oldest go. -->
                <queued-messages>
                    <max-queue-size>%d</max-queue-size>
                    <strategy>discard-oldest</strategy>
                </queued-messages>
                <!-- A session, and its queue, outlives its client by at most this many seconds. -->
                <session-expiry>
                    <max-interval>%d</max-interval>
                </session-expiry>
                """.formatted(limits.maxQueuedMessages(), limits.maxSessionExpiry().getSeconds()).indent(8);
    }

    /** Lengths, and HiveMQ's inbound throttling of all clients together (0: off); PublishRateLimiter does one client's. */
    private static String restrictions(BrokerLimits limits) {
        return """
                <restrictions>
                    <max-client-id-length>%d</max-client-id-length>
                    <max-topic-length>%d</max-topic-length>
                    <incoming-bandwidth-throttling>%d</incoming-bandwidth-throttling>
                </restrictions>
                """.formatted(limits.maxClientIdLength(), limits.maxTopicLength(), limits.incomingBytesPerSecond()).indent(4);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
