package io.fedmq.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** One running broker, shared by the tests of this class because HiveMQ takes seconds to start and stop. */
class EmbeddedBrokerTest {
    @TempDir
    static Path folder;
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedBroker(BrokerConfig.loopback(folder.resolve("broker"), 0)).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @Test
    void picksAFreePortAndAcceptsAnMqtt5Client() throws Exception {
        assertNotEquals(0, broker.port());
        assertEquals("tcp://127.0.0.1:" + broker.port(), broker.serverUri());
        assertTrue(broker.isRunning());

        MqttClient client = new MqttClient(broker.serverUri(), "probe", new MemoryPersistence());
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setConnectionTimeout(10);
            client.connect(options);
            CompletableFuture<byte[]> received = new CompletableFuture<>();
            // Not subscribe(String, int, listener): in Paho 1.2.5 that overload calls itself until the stack overflows.
            IMqttMessageListener listener = (topic, message) -> received.complete(message.getPayload());
            client.subscribe(new MqttSubscription[] {new MqttSubscription("probe/echo", 1)}, new IMqttMessageListener[] {listener});
            client.publish("probe/echo", new MqttMessage("hello".getBytes(StandardCharsets.UTF_8), 1, false, null));
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), received.get(10, TimeUnit.SECONDS));
            client.disconnect();
        } finally {
            if (client.isConnected()) client.disconnectForcibly(1000);
            client.close();
        }
    }

    @Test
    void writesItsOwnConfigWithStatisticsOffOnTheConfiguredHost() throws Exception {
        Path file = broker.config().configFolder().resolve("config.xml");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());

        assertEquals("127.0.0.1", text(xml, "bind-address"));
        assertEquals(String.valueOf(broker.port()), text(xml, "port"));
        assertEquals("false", ((Element) xml.getElementsByTagName("anonymous-usage-statistics").item(0))
                .getElementsByTagName("enabled").item(0).getTextContent());
        assertEquals(String.valueOf(65 << 20), text(xml, "max-packet-size"), "64 MiB messages and room around them");
        assertEquals("1000", text(xml, "max-queue-size"));
        assertEquals("discard-oldest", text(xml, "strategy"), "a node coming back wants the newest messages");
        assertEquals("86400", ((Element) xml.getElementsByTagName("session-expiry").item(0))
                .getElementsByTagName("max-interval").item(0).getTextContent());
        assertEquals("256", text(xml, "max-client-id-length"));
        assertEquals("256", text(xml, "max-topic-length"));
        assertEquals("0", text(xml, "incoming-bandwidth-throttling"));
        assertEquals(0, xml.getElementsByTagName("message-expiry").getLength(), "retained models must never expire");
        assertEquals("false", ((Element) xml.getElementsByTagName("topic-alias").item(0))
                .getElementsByTagName("enabled").item(0).getTextContent(), "Paho mishandles topic aliases");
        assertEquals(0, xml.getElementsByTagName("websocket-listener").getLength());
        assertEquals(1, xml.getElementsByTagName("tcp-listener").getLength());
    }

    @Test
    void keepsHiveMqsDataInTheDataFolder() {
        Path data = folder.resolve("broker");
        assertEquals(data, broker.config().dataFolder());
        assertTrue(Files.isDirectory(data.resolve("persistence").resolve("retained_messages")), "HiveMQ's retained store");
        assertTrue(Files.isDirectory(data.resolve("persistence").resolve("client_session_store")), "HiveMQ's session store");
        assertTrue(Files.isDirectory(broker.config().extensionsFolder()));
        assertFalse(Files.exists(Path.of("persistence")), "nothing in the working directory");
    }

    @Test
    void startsOnlyOnce() {
        assertThrows(IllegalStateException.class, broker::start);
    }

    private static String text(Document xml, String tag) {
        assertEquals(1, xml.getElementsByTagName(tag).getLength(), tag);
        return xml.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
