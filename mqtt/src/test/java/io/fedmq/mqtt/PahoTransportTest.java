package io.fedmq.mqtt;

import static io.fedmq.mqtt.Recorder.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.mqtt.Recorder.Received;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.Transport.Traffic;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The transport against a real HiveMQ, shared by the tests of this class; each test has its own topic tree. */
class PahoTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path folder;
    static EmbeddedBroker broker;

    private final List<PahoTransport> opened = new ArrayList<>();
    private String root;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedBroker(BrokerConfig.loopback(folder, 0)).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @BeforeEach
    void nameTheTree(TestInfo test) { root = "test/" + test.getTestMethod().orElseThrow().getName(); }

    @AfterEach
    void closeTransports() { opened.forEach(PahoTransport::close); }

    private PahoTransport connect(String clientId) throws TransportException {
        return connect(MqttSettings.ephemeral(broker.serverUri(), clientId));
    }

    private PahoTransport connect(MqttSettings settings) throws TransportException {
        PahoTransport t = PahoTransport.connect(settings);
        opened.add(t);
        return t;
    }

    @Test
    void deliversWhatIsPublishedAndCountsThePayloadBytes() throws Exception {
        PahoTransport sender = connect("rt-sender");
        PahoTransport receiver = connect("rt-receiver");
        Recorder recorder = new Recorder();
        receiver.subscribe(root + "/data", recorder);

        sender.publish(root + "/data", utf8("hello fleet"), false);

        Received r = recorder.next(WAIT);
        assertEquals(root + "/data", r.topic());
        assertEquals("hello fleet", r.text());
        assertFalse(r.retained());
        assertEquals(new Traffic(11, 0), sender.traffic());
        assertEquals(new Traffic(0, 11), receiver.traffic());
    }

    @Test
    void deliversInPublishOrder() throws Exception {
        PahoTransport t = connect("order");
        Recorder recorder = new Recorder();
        t.subscribe(root + "/seq", recorder);
        for (int i = 0; i < 200; i++) t.publish(root + "/seq", utf8(Integer.toString(i)), false);

        List<Received> got = recorder.next(200, WAIT);
        for (int i = 0; i < 200; i++) assertEquals(Integer.toString(i), got.get(i).text());
    }

    @Test
    void deliversTheRetainedMessageOnSubscribeUntilItIsCleared() throws Exception {
        PahoTransport orchestrator = connect("retain-orchestrator");
        orchestrator.publish(root + "/round", utf8("round 7"), true);

        PahoTransport early = connect("retain-early");
        Recorder first = new Recorder();
        early.subscribe(root + "/round", first);
        Received r = first.next(WAIT);
        assertEquals("round 7", r.text());
        assertTrue(r.retained(), "sent because of the subscription");

        orchestrator.clearRetained(root + "/round");
        // The clearing publish itself reaches live subscribers as an empty message.
        assertEquals(0, first.next(WAIT).payload().length);

        PahoTransport late = connect("retain-late");
        Recorder second = new Recorder();
        late.subscribe(root + "/#", second);
        orchestrator.publish(root + "/marker", utf8("after clearing"), false);
        assertEquals("after clearing", second.next(WAIT).text(), "nothing retained came before the marker");
    }

    @Test
    void routesWildcardFiltersLikeMqttOncePerSubscription() throws Exception {
        PahoTransport t = connect("wildcards");
        Recorder plus = new Recorder();
        Recorder hash = new Recorder();
        Recorder exact = new Recorder();
        t.subscribe(root + "/nodes/+/status", plus);
        t.subscribe(root + "/#", hash);
        t.subscribe(root + "/nodes/pi-2/status", exact);

        t.publish(root + "/nodes/pi-1/status", utf8("a"), false);
        t.publish(root + "/nodes/pi-2/status", utf8("b"), false);
        t.publish(root + "/nodes/pi-1/status/extra", utf8("c"), false);
        t.publish(root + "/round", utf8("d"), false);

        assertEquals(List.of("a", "b"), texts(plus.next(2, WAIT)));
        assertEquals(List.of("a", "b", "c", "d"), texts(hash.next(4, WAIT)));
        assertEquals(List.of("b"), texts(exact.next(1, WAIT)));
        // Overlapping filters share one PUBLISH from the broker; each handler still gets it exactly once.
        assertNull(plus.poll(Duration.ofMillis(300)));
        assertNull(hash.poll(Duration.ofMillis(1)));
        assertNull(exact.poll(Duration.ofMillis(1)));
    }

    @Test
    void aHandlerThatThrowsIsLoggedAndLaterMessagesStillArrive() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(PahoTransport.class);
        logger.addAppender(logs);
        try {
            PahoTransport t = connect("throwing");
            Recorder recorder = new Recorder();
            t.subscribe(root + "/events", (topic, payload, retained) -> {
                recorder.onMessage(topic, payload, retained);
                if (new String(payload).equals("poison")) throw new IllegalStateException("handler bug");
            });
            t.publish(root + "/events", utf8("poison"), false);
            t.publish(root + "/events", utf8("fine"), false);

            assertEquals(List.of("poison", "fine"), texts(recorder.next(2, WAIT)));
            assertTrue(t.isConnected(), "the client survived");
            assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains(root + "/events")
                    && e.getThrowableProxy() != null && e.getThrowableProxy().getMessage().equals("handler bug")));
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void carriesFiveMegabytesIntact() throws Exception {
        byte[] model = new byte[5 << 20];
        new Random(42).nextBytes(model);
        PahoTransport sender = connect("big-sender");
        PahoTransport receiver = connect("big-receiver");
        Recorder recorder = new Recorder();
        receiver.subscribe(root + "/model", recorder);

        long t0 = System.nanoTime();
        sender.publish(root + "/model", model, true);
        byte[] got = recorder.next(Duration.ofSeconds(30)).payload();
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertArrayEquals(model, got);
        assertEquals(model.length, receiver.traffic().bytesReceived());
        LoggerFactory.getLogger(PahoTransportTest.class).info("5 MiB published and received in {} ms", ms);
        sender.clearRetained(root + "/model");
    }

    @Test
    void theLastWillIsSentWhenTheConnectionDiesButNotOnClose() throws Exception {
        PahoTransport observer = connect("will-observer");
        Recorder wills = new Recorder();
        observer.subscribe(root + "/+/status", wills);

        PahoTransport crashing = connect(withWill("will-crashing"));
        crashing.disconnectAbruptly();
        Received will = wills.next(WAIT);
        assertEquals(root + "/will-crashing/status", will.topic());
        assertEquals("offline", will.text());

        PahoTransport leaving = connect(withWill("will-leaving"));
        leaving.close();
        observer.publish(root + "/marker/status", utf8("marker"), false);
        assertEquals("marker", wills.next(WAIT).text(), "no will before the marker");
        // The broker had every chance to send a will by now; give a late one a little longer to show up.
        assertNull(wills.poll(Duration.ofSeconds(1)));
    }

    @Test
    void connectingWhereNothingListensFailsWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        MqttSettings settings = MqttSettings.ephemeral("tcp://127.0.0.1:" + port, "nowhere")
                .withConnectTimeout(Duration.ofSeconds(3));

        long t0 = System.nanoTime();
        TransportException e = assertThrows(TransportException.class, () -> PahoTransport.connect(settings));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertTrue(ms < 3_500, "took " + ms + " ms");
        assertTrue(e.getMessage().contains("tcp://127.0.0.1:" + port), e.getMessage());
        Threads.awaitNoneNamedAfter("nowhere", WAIT);
    }

    @Test
    void closeReleasesItsThreadsAndRefusesFurtherUse() throws Exception {
        PahoTransport t = connect("closing-client");
        t.subscribe(root + "/x", new Recorder());
        assertFalse(Threads.namesContaining("closing-client").isEmpty(), "Paho's and fedmq's threads carry the id");

        t.close();

        assertFalse(t.isConnected());
        assertThrows(TransportException.class, () -> t.publish(root + "/x", utf8("late"), false));
        assertThrows(TransportException.class, () -> t.subscribe(root + "/y", new Recorder()));
        t.close(); // twice is fine
        Threads.awaitNoneNamedAfter("closing-client", WAIT);
    }

    private MqttSettings withWill(String clientId) {
        return MqttSettings.ephemeral(broker.serverUri(), clientId)
                .withWill(new MqttSettings.Will(root + "/" + clientId + "/status", utf8("offline"), false, 0));
    }

    private static List<String> texts(List<Received> messages) {
        return messages.stream().map(Received::text).toList();
    }
}
