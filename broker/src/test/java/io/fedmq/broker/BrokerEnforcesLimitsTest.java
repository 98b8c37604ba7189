package io.fedmq.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits as HiveMQ applies them, seen by plain Paho clients: one broker with small limits for the class.
 * Every client here is raw Paho with no limits of its own, as a hostile or broken client would be.
 */
class BrokerEnforcesLimitsTest {
    private static final long WAIT_MS = 10_000;
    private static final int MAX_PACKET = 64 << 10;
    private static final int QUEUE = 5;
    private static final Duration SESSION_EXPIRY = Duration.ofMinutes(1);
    private static final int MAX_CLIENT_ID = 32;
    private static final int MAX_TOPIC = 64;
    /** So slow that no token comes back during a test: what a client may publish is exactly the burst. */
    private static final int BURST = 20;
    private static final double RATE = 0.001;
    /** MQTT v5 reason codes. */
    private static final int PACKET_TOO_LARGE = 0x95, QUOTA_EXCEEDED = 0x97;

    @TempDir
    static Path folder;
    static EmbeddedBroker broker;
    private final List<MqttAsyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        BrokerLimits limits = BrokerLimits.DEFAULT.withMaxQueuedMessages(QUEUE).withMaxSessionExpiry(SESSION_EXPIRY)
                .withMaxClientIdLength(MAX_CLIENT_ID).withMaxTopicLength(MAX_TOPIC).withPublishRate(RATE, BURST);
        broker = new EmbeddedBroker(BrokerConfig.loopback(folder, 0).withMaxPacketBytes(MAX_PACKET).withLimits(limits)).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @AfterEach
    void closeClients() throws MqttException {
        for (MqttAsyncClient c : clients) {
            if (c.isConnected()) c.disconnectForcibly(0, 1000, false);
            c.close(true);
        }
    }

    @Test
    void anOversizedPublishCostsItsSenderTheConnectionWithPacketTooLargeAndOthersCarryOn() throws Exception {
        Listener bigListener = new Listener();
        MqttAsyncClient big = connect("big", true, 0, bigListener);
        Listener watcher = new Listener();
        MqttAsyncClient watching = connect("watcher", true, 0, watcher);
        subscribe(watching, "limits/size/#");

        IMqttToken oversized = big.publish("limits/size/big", message(new byte[MAX_PACKET + 1]));
        assertThrows(MqttException.class, () -> oversized.waitForCompletion(WAIT_MS), "the publish fails");
        MqttDisconnectResponse why = bigListener.disconnected.get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertEquals(PACKET_TOO_LARGE, why.getReturnCode(), "the broker says why: " + why);

        MqttAsyncClient other = connect("small", true, 0, new Listener());
        requireSuccess(other.publish("limits/size/small", message(new byte[MAX_PACKET - 1024])));
        assertEquals("limits/size/small", watcher.messages.poll(WAIT_MS, TimeUnit.MILLISECONDS).topic);
        MqttAsyncClient back = connect("big", true, 0, new Listener());
        requireSuccess(back.publish("limits/size/big", message(new byte[1024])));
        assertEquals("limits/size/big", watcher.messages.poll(WAIT_MS, TimeUnit.MILLISECONDS).topic, "the refused client may come back");
        assertEquals(null, watcher.messages.poll(0, TimeUnit.MILLISECONDS), "the oversized message never went out");
    }

    @Test
    void anAbsentSubscribersQueueKeepsOnlyTheNewestMessages() throws Exception {
        MqttAsyncClient away = connect("queue-sub", true, SESSION_EXPIRY.getSeconds(), new Listener());
        subscribe(away, "limits/queue/#");
        away.disconnect().waitForCompletion(WAIT_MS); // the session, its subscription and its queue stay

        MqttAsyncClient publisher = connect("queue-pub", true, 0, new Listener());
        int sent = 3 * QUEUE;
        for (int i = 0; i < sent; i++) requireSuccess(publisher.publish("limits/queue/x", message(utf8("m" + i))));

        Listener back = new Listener();
        connect("queue-sub", false, SESSION_EXPIRY.getSeconds(), back);
        List<String> received = new ArrayList<>();
        String last = "m" + (sent - 1);
        while (!received.contains(last)) {
            Received r = back.messages.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertTrue(r != null, "the newest message never arrived; got " + received);
            received.add(new String(r.payload, StandardCharsets.UTF_8));
        }
        assertEquals(IntStream.range(sent - QUEUE, sent).mapToObj(i -> "m" + i).toList(), received,
                "a full queue drops its oldest message for each new one");
    }

    @Test
    void aSessionOutlivesItsClientAtMostTheConfiguredExpiryWhateverTheClientAsks() throws Exception {
        MqttConnectionOptions options = options(true, 0xFFFF_FFFFL); // "never expire"
        MqttAsyncClient greedy = client("greedy");
        IMqttToken connected = greedy.connect(options);
        connected.waitForCompletion(WAIT_MS);
        assertEquals(SESSION_EXPIRY.getSeconds(), connected.getResponseProperties().getSessionExpiryInterval());
    }

    @Test
    void refusesAClientIdOrATopicLongerThanTheLimits() throws Exception {
        connect("c".repeat(MAX_CLIENT_ID), true, 0, new Listener()); // at the limit: fine
        MqttException tooLong = assertThrows(MqttException.class, () -> connect("c".repeat(MAX_CLIENT_ID + 1), true, 0, new Listener()));
        assertTrue(tooLong.getReasonCode() >= 0x80, "refused at CONNACK: " + tooLong);

        Listener listener = new Listener();
        MqttAsyncClient client = connect("topics", true, 0, listener);
        requireSuccess(client.publish("t".repeat(MAX_TOPIC), message(utf8("fits"))));
        IMqttToken overlong = client.publish("t".repeat(MAX_TOPIC + 1), message(utf8("too long")));
        assertThrows(MqttException.class, () -> overlong.waitForCompletion(WAIT_MS));
        assertTrue(listener.disconnected.get(WAIT_MS, TimeUnit.MILLISECONDS).getReturnCode() >= 0x80);
    }

    @Test
    void aSlowSubscribersQueueIsCappedTooAndKeepsTheNewest() throws Exception {
        // Paho runs messageArrived on its callback thread and acknowledges only when it returns: a subscriber
        // stuck there is a consumer that does not keep up, with one message in flight and the rest queued.
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        Listener slow = new Listener() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
                received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                stuck.await();
            }
        };
        MqttAsyncClient consumer = client("slow-sub");
        consumer.setCallback(slow);
        MqttConnectionOptions options = options(true, 0);
        options.setReceiveMaximum(1);
        consumer.connect(options).waitForCompletion(WAIT_MS);
        subscribe(consumer, "limits/slow/#");

        MqttAsyncClient publisher = connect("slow-pub", true, 0, new Listener());
        int sent = 3 * QUEUE;
        for (int i = 0; i < sent; i++) requireSuccess(publisher.publish("limits/slow/x", message(utf8("m" + i))));
        awaitReceived(received, "m0");
        assertEquals(List.of("m0"), received, "one message in flight, the rest waiting");
        stuck.countDown();

        awaitReceived(received, "m" + (sent - 1));
        // HiveMQ counts the message in flight as part of the client's queue: it holds QUEUE messages in all.
        List<String> expected = new ArrayList<>(List.of("m0"));
        IntStream.range(sent - QUEUE + 1, sent).mapToObj(i -> "m" + i).forEach(expected::add);
        assertEquals(expected, received, "the one in flight, then only the newest that fit in the queue beside it");
    }

    @Test
    void aClientPublishingFasterThanItsRateGetsQuotaExceededAndOthersDoNot() throws Exception {
        Listener watcher = new Listener();
        subscribe(connect("rate-watcher", true, 0, watcher), "limits/rate/watched");
        MqttAsyncClient flood = connect("flood", true, 0, new Listener());
        for (int i = 0; i < BURST; i++) requireSuccess(flood.publish("limits/rate/flood", message(utf8("f" + i))));
        IMqttToken refused = flood.publish("limits/rate/watched", message(utf8("one too many")));
        refused.waitForCompletion(WAIT_MS);
        assertArrayEquals(new int[] {QUOTA_EXCEEDED}, refused.getReasonCodes(), "PUBACK says quota exceeded");
        assertTrue(flood.isConnected(), "refused, not disconnected");

        MqttAsyncClient calm = connect("calm", true, 0, new Listener());
        requireSuccess(calm.publish("limits/rate/watched", message(utf8("hello"))));
        Received first = watcher.messages.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertEquals("hello", first == null ? null : new String(first.payload, StandardCharsets.UTF_8),
                "another client publishes freely, and the refused message was never delivered before it");
    }

    /** Polls for a condition with a deadline: the callback thread fills the list. */
    private static void awaitReceived(List<String> received, String payload) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!received.contains(payload)) {
            assertTrue(System.nanoTime() < deadline, payload + " never arrived; got " + received);
            Thread.sleep(10);
        }
    }

    private MqttAsyncClient client(String id) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker.serverUri(), id, new MemoryPersistence());
        clients.add(c);
        return c;
    }

    private MqttAsyncClient connect(String id, boolean cleanStart, long sessionExpiry, Listener listener) throws MqttException {
        MqttAsyncClient c = client(id);
        c.setCallback(listener);
        c.connect(options(cleanStart, sessionExpiry)).waitForCompletion(WAIT_MS);
        return c;
    }

    private static MqttConnectionOptions options(boolean cleanStart, long sessionExpiry) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(sessionExpiry);
        o.setConnectionTimeout(10);
        return o;
    }

    private static void subscribe(MqttAsyncClient c, String filter) throws MqttException {
        IMqttToken t = c.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null, null, new MqttProperties());
        t.waitForCompletion(WAIT_MS);
        assertTrue(t.getReasonCodes()[0] < 0x80, "subscribed");
    }

    private static void requireSuccess(IMqttToken t) throws MqttException {
        t.waitForCompletion(WAIT_MS);
        int[] codes = t.getReasonCodes();
        assertTrue(codes == null || codes[0] < 0x80, "PUBACK " + (codes == null ? "none" : Integer.toHexString(codes[0])));
    }

    private static MqttMessage message(byte[] payload) { return new MqttMessage(payload, 1, false, new MqttProperties()); }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private record Received(String topic, byte[] payload) {}

    /** Records what a client receives and why it was disconnected; never blocks Paho's threads. */
    private static class Listener implements MqttCallback {
        final LinkedBlockingQueue<Received> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<MqttDisconnectResponse> disconnected = new CompletableFuture<>();

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception { messages.add(new Received(topic, message.getPayload())); }

        @Override
        public void disconnected(MqttDisconnectResponse response) { disconnected.complete(response); }

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
