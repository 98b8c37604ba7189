package io.fedmq.mqtt;

import static io.fedmq.mqtt.Recorder.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.protocol.Transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The maximum packet size, end to end: the transport refuses what the broker (or the client itself) would not
 * take, says why, and keeps its connection; and the broker never sends a client more than it said it accepts.
 */
class PahoTransportPacketLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int BROKER_MAX = 64 << 10;

    @TempDir
    static Path folder;
    static EmbeddedBroker broker;
    private final List<PahoTransport> opened = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedBroker(BrokerConfig.loopback(folder, 0).withMaxPacketBytes(BROKER_MAX)).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @AfterEach
    void closeTransports() { opened.forEach(PahoTransport::close); }

    private PahoTransport connect(MqttSettings settings) throws TransportException {
        PahoTransport t = PahoTransport.connect(settings);
        opened.add(t);
        return t;
    }

    @Test
    void aPacketAtTheLimitReachesItsSubscriberAndOneByteMoreIsRefusedBeforeItLeaves() throws Exception {
        PahoTransport sender = connect(MqttSettings.ephemeral(broker.serverUri(), "limit-sender"));
        PahoTransport receiver = connect(MqttSettings.ephemeral(broker.serverUri(), "limit-receiver"));
        Recorder recorder = new Recorder();
        String topic = "limits/exact";
        receiver.subscribe(topic, recorder);
        assertEquals(BROKER_MAX, sender.maxPacketBytes(), "the broker's maximum, from its CONNACK, is the smaller");
        long limit = BROKER_MAX - PacketLimit.FORWARDING_HEADROOM;
        assertEquals(limit, sender.maxPublishPacketBytes());

        int fits = (int) (limit - PublishPacket.size(topic, 0));
        while (PublishPacket.size(topic, fits) > limit) fits--; // the remaining length's own size grows too
        assertEquals(limit, PublishPacket.size(topic, fits));
        // Received, with the broker's subscription identifier added: at the broker's maximum itself the receiving
        // Paho dropped its connection ("Incoming packet too large") and never got it.
        sender.publish(topic, new byte[fits], false);
        assertEquals(fits, recorder.next(WAIT).payload().length);
        assertTrue(receiver.isConnected());
        int tooMany = fits + 1;

        ListAppender<ILoggingEvent> logs = capture();
        try {
            TransportException e = assertThrows(TransportException.class, () -> sender.publish(topic, new byte[tooMany], false));
            String expected = "Publish to limits/exact refused: its packet of " + (limit + 1) + " bytes (payload " + tooMany
                    + ") exceeds the limit of " + limit + " bytes (the broker's maximum packet size of " + BROKER_MAX
                    + ", less 256 for what the broker adds when it forwards it)";
            assertEquals(expected, e.getMessage());
            assertTrue(logs.list.stream().anyMatch(l -> l.getLevel() == Level.WARN && l.getFormattedMessage().equals(expected)),
                    "a log line names the topic, the size and the limit");
        } finally {
            release(logs);
        }
        assertTrue(sender.isConnected(), "refused before it left: the connection stays");
        sender.publish(topic, utf8("still here"), false);
        assertEquals("still here", recorder.next(WAIT).text());
    }

    @Test
    void theClientsOwnSmallerMaximumAppliesToWhatItSendsAndWhatTheBrokerSendsIt() throws Exception {
        int own = 8 << 10;
        PahoTransport small = connect(MqttSettings.ephemeral(broker.serverUri(), "limit-small").withMaxPacketBytes(own));
        assertEquals(own, small.maxPacketBytes());
        TransportException e = assertThrows(TransportException.class, () -> small.publish("limits/own", new byte[own], false));
        assertTrue(e.getMessage().contains("(this client's maximum packet size of " + own + ", less 256"), e.getMessage());

        Recorder recorder = new Recorder();
        small.subscribe("limits/to-small", recorder);
        PahoTransport big = connect(MqttSettings.ephemeral(broker.serverUri(), "limit-big"));
        big.publish("limits/to-small", new byte[2 * own], false); // the broker accepts it, but will not send it on
        big.publish("limits/to-small", utf8("small enough"), false);
        assertEquals("small enough", recorder.next(WAIT).text(), "the oversized one was dropped for this client, not delivered");
        assertTrue(small.isConnected());
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(PahoTransport.class)).addAppender(logs);
        return logs;
    }

    private static void release(ListAppender<ILoggingEvent> logs) {
        ((Logger) LoggerFactory.getLogger(PahoTransport.class)).detachAppender(logs);
    }
}
