package io.fedmq.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes HiveMQ's {@code config.xml}. Without one, embedded HiveMQ falls back to the copy bundled in its jar,
 * which binds 0.0.0.0:1883 and turns anonymous usage statistics on; so fedmq always writes its own, and
 * rewrites it on every start so that the file on disk is exactly what the broker runs with.
 */
final class HiveMqConfigFile {
    static final String FILE_NAME = "config.xml";

    private HiveMqConfigFile() {}

    /** Writes the file into the config folder (atomically, so a crash never leaves half a config) and returns it. */
    static Path write(BrokerConfig config, int port) throws IOException {
        Path folder = Files.createDirectories(config.configFolder());
        Path file = folder.resolve(FILE_NAME);
        Path tmp = folder.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, render(config, port), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** The XML for one broker: one TCP listener (no websockets), fedmq's packet size and limits, no topic aliases. */
    static String render(BrokerConfig config, int port) {
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
                    </listeners>
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
                """.formatted(port, escape(config.host()), config.maxPacketBytes(), config.receiveMaximum(),
                mqttLimits(config.limits()), restrictions(config.limits()));
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
