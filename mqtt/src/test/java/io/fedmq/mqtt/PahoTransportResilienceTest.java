package io.fedmq.mqtt;

import static io.fedmq.mqtt.Recorder.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.mqtt.Recorder.Received;
import io.fedmq.protocol.Transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport when the broker goes away and comes back, and when the broker lets few publishes be in flight.
 * This class restarts its broker, so it does not share one with other classes.
 */
class PahoTransportResilienceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Far below HiveMQ's default, to show that publishers queue for a slot instead of failing. */
    private static final int SMALL_RECEIVE_MAXIMUM = 2;

    @TempDir
    static Path folder;
    static BrokerConfig config;
    static EmbeddedBroker broker;

    private final List<PahoTransport> opened = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeAll
    static void startBroker() throws Exception {
        config = BrokerConfig.loopback(folder, 0).withReceiveMaximum(SMALL_RECEIVE_MAXIMUM);
        broker = new EmbeddedBroker(config).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @AfterEach
    void closeAll() {
        pool.shutdownNow();
        opened.forEach(PahoTransport::close);
    }

    private PahoTransport connect(MqttSettings settings) throws TransportException {
        PahoTransport t = PahoTransport.connect(settings.withMaxReconnectDelay(Duration.ofSeconds(1)));
        opened.add(t);
        return t;
    }

    @Test
    void reconnectsAfterABrokerRestartAndItsSubscriptionsDeliverAgain() throws Exception {
        // One client whose session the broker keeps (on disk) and one whose session dies with the connection,
        // whose subscription the transport must therefore renew.
        PahoTransport persistent = connect(MqttSettings.persistent(broker.serverUri(), "restart-persistent"));
        PahoTransport ephemeral = connect(MqttSettings.ephemeral(broker.serverUri(), "restart-ephemeral"));
        PahoTransport publisher = connect(MqttSettings.ephemeral(broker.serverUri(), "restart-publisher"));
        PahoTransport leaver = connect(MqttSettings.persistent(broker.serverUri(), "restart-leaver"));
        Recorder kept = new Recorder();
        Recorder renewed = new Recorder();
        persistent.subscribe("restart/+", kept);
        ephemeral.subscribe("restart/#", renewed);

        int port = broker.port();
        broker.close();
        awaitCondition(() -> !persistent.isConnected() && !ephemeral.isConnected() && !leaver.isConnected(), "clients notice the broker is gone");
        // Closing while reconnecting stops the attempts and leaves no thread behind to keep the JVM alive.
        leaver.close();
        Threads.awaitNoneNamedAfter("restart-leaver", WAIT);
        // A publish while the broker is down waits for the connection instead of failing at once.
        Future<?> duringOutage = pool.submit(() -> {
            publisher.publish("restart/during", utf8("queued"), false);
            return null;
        });

        broker = new EmbeddedBroker(config.withPort(port)).start();
        awaitCondition(() -> persistent.isConnected() && ephemeral.isConnected() && publisher.isConnected(), "clients reconnect");
        duringOutage.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // The renewal runs in the background after the reconnect: publish until both have heard one.
        awaitCondition(() -> {
            publishQuietly(publisher, "restart/after");
            return kept.hasReceived("restart/after") && renewed.hasReceived("restart/after");
        }, "both subscriptions deliver again");
        // The kept session also queued what was published before its owner was back.
        awaitCondition(() -> kept.hasReceived("restart/during"), "the kept session delivers the queued message");
    }

    @Test
    void publishersWaitForAFreeSlotWhenTheBrokerAllowsFewInFlight() throws Exception {
        PahoTransport publisher = connect(MqttSettings.ephemeral(broker.serverUri(), "slots-publisher"));
        PahoTransport subscriber = connect(MqttSettings.ephemeral(broker.serverUri(), "slots-subscriber"));
        Recorder recorder = new Recorder();
        subscriber.subscribe("slots/+", recorder);

        List<Future<?>> publishes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String topic = "slots/" + i;
            publishes.add(pool.submit(() -> {
                publisher.publish(topic, new byte[4096], false);
                return null;
            }));
        }
        for (Future<?> f : publishes) f.get(WAIT.toSeconds(), TimeUnit.SECONDS); // none failed

        Set<String> topics = new TreeSet<>();
        for (Received r : recorder.next(64, WAIT)) topics.add(r.topic());
        assertEquals(64, topics.size());
        assertEquals(64 * 4096, publisher.traffic().bytesSent());
    }

    private static void publishQuietly(PahoTransport t, String topic) {
        try {
            t.publish(topic, utf8("ping"), false);
        } catch (TransportException e) {
            // not yet: the condition is polled again
        }
    }

    private static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(100);
        }
    }
}
