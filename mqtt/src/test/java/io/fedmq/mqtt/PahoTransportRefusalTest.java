package io.fedmq.mqtt;

import static io.fedmq.mqtt.Recorder.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fedmq.broker.AccessRule;
import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.Decision;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.mqtt.MqttSettings.Credentials;
import io.fedmq.protocol.Transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the transport makes of a broker that refuses: a clear exception and log line, never a dead client. */
class PahoTransportRefusalTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final byte[] PASSWORD = "right".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path folder;
    static EmbeddedBroker broker;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private PahoTransport transport;

    /** "dev" with the right password may publish and subscribe under acl/own only. */
    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedBroker(BrokerConfig.loopback(folder, 0).withAuthenticator(r ->
                "dev".equals(r.username()) && Arrays.equals(PASSWORD, r.password())
                        ? new Decision.Granted("dev", "test", List.of(AccessRule.publish("acl/own/#"), AccessRule.subscribe("acl/own/#")))
                        : Decision.refuse(Decision.Reason.WRONG_PASSWORD, "not dev"))).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @BeforeEach
    void record() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.fedmq.mqtt")).addAppender(logs);
    }

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger("io.fedmq.mqtt")).detachAppender(logs);
        if (transport != null) transport.close();
    }

    private static MqttSettings settings(String clientId, Credentials credentials) {
        return MqttSettings.ephemeral(broker.serverUri(), clientId).withCredentials(credentials)
                .withOperationTimeout(WAIT).withMaxReconnectDelay(Duration.ofSeconds(1));
    }

    @Test
    void aRefusedConnectSaysTheBrokerRefusedAndWhy() {
        TransportException e = assertThrows(TransportException.class,
                () -> PahoTransport.connect(settings("intruder", new Credentials("dev", utf8("wrong")))));
        assertTrue(e.getMessage().contains("refused client intruder (user dev): bad user name or password (0x86)"), e.getMessage());
        TransportException anonymous = assertThrows(TransportException.class, () -> PahoTransport.connect(settings("anon", null)));
        assertTrue(anonymous.getMessage().contains("(no credentials given)"), anonymous.getMessage());
    }

    @Test
    void aRefusedPublishThrowsAndTheTransportComesBack() throws Exception {
        transport = PahoTransport.connect(settings("dev-1", new Credentials("dev", PASSWORD)));
        TransportException e = assertThrows(TransportException.class, () -> transport.publish("acl/other/x", utf8("no"), false));
        assertTrue(e.getMessage().contains("Publish to acl/other/x by dev-1 was refused by the broker, not authorized (0x87)"), e.getMessage());
        assertTrue(e.getMessage().contains("not authorized to publish on acl/other/x"), "the broker's reason string: " + e.getMessage());
        assertTrue(logged("WARN", "was refused by the broker, not authorized (0x87)"));
        // HiveMQ drops a client after a refused publish; the transport reconnects and carries on.
        Recorder r = new Recorder();
        transport.subscribe("acl/own/echo", r);
        transport.publish("acl/own/echo", utf8("still here"), false);
        assertEquals("still here", r.next(WAIT).text());
        assertTrue(logged("WARN", "lost its connection", "not authorized (0x87)"), "the disconnect says why: " + lines());
    }

    @Test
    void aRefusedSubscriptionThrowsAndTheConnectionStays() throws Exception {
        transport = PahoTransport.connect(settings("dev-2", new Credentials("dev", PASSWORD)));
        TransportException e = assertThrows(TransportException.class, () -> transport.subscribe("#", new Recorder()));
        assertTrue(e.getMessage().contains("Subscribe to # by dev-2 was refused by the broker, not authorized (0x87)"), e.getMessage());
        assertTrue(transport.isConnected());
        Recorder r = new Recorder();
        transport.subscribe("acl/own/+", r);
        transport.publish("acl/own/a", utf8("fine"), false);
        assertEquals("fine", r.next(WAIT).text());
    }

    private List<String> lines() {
        synchronized (logs.list) {
            return logs.list.stream().map(ev -> ev.getLevel() + " " + ev.getFormattedMessage()).toList();
        }
    }

    private boolean logged(String level, String... fragments) {
        return lines().stream().anyMatch(l -> l.startsWith(level) && Arrays.stream(fragments).allMatch(l::contains));
    }
}
