package io.fedmq.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.ClientAuthenticator.ConnectRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authenticator seam: what the policy sees and that HiveMQ obeys it. */
class BrokerAuthenticationTest {
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    /** CONNACK reason code 0x87. */
    private static final int NOT_AUTHORIZED = 135;

    @TempDir
    static Path folder;
    static EmbeddedBroker broker;
    static final List<ConnectRequest> seen = new CopyOnWriteArrayList<>();

    /** Lets "pi-1" in with the right password, throws for "boom", refuses everyone else. */
    static boolean policy(ConnectRequest request) {
        seen.add(request);
        if ("boom".equals(request.username())) throw new IllegalStateException("policy bug");
        return "pi-1".equals(request.username()) && Arrays.equals(SECRET, request.password());
    }

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedBroker(BrokerConfig.loopback(folder, 0).withAuthenticator(BrokerAuthenticationTest::policy)).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @BeforeEach
    void forget() { seen.clear(); }

    @Test
    void letsInWhomThePolicyAllowsAndShowsItWhatTheClientSent() throws Exception {
        MqttClient client = connect("node-pi-1", "pi-1", SECRET);
        try {
            assertTrue(client.isConnected());
        } finally {
            client.disconnect();
            client.close();
        }
        ConnectRequest request = seen.get(0);
        assertEquals("node-pi-1", request.clientId());
        assertEquals("pi-1", request.username());
        assertArrayEquals(SECRET, request.password());
        assertEquals("127.0.0.1", request.remoteAddress());
        assertFalse(request.toString().contains("s3cret"), "passwords never reach a log line");
    }

    @Test
    void refusesWhomThePolicyRefuses() {
        MqttException e = assertThrows(MqttException.class, () -> connect("intruder", "pi-1", "guess".getBytes(StandardCharsets.UTF_8)));
        assertEquals(NOT_AUTHORIZED, e.getReasonCode());
        MqttException anonymous = assertThrows(MqttException.class, () -> connect("anonymous", null, null));
        assertEquals(NOT_AUTHORIZED, anonymous.getReasonCode());
        assertNull(seen.get(1).username());
        assertNull(seen.get(1).password());
    }

    @Test
    void aPolicyThatThrowsFailsClosed() {
        MqttException e = assertThrows(MqttException.class, () -> connect("buggy", "boom", SECRET));
        assertEquals(NOT_AUTHORIZED, e.getReasonCode());
    }

    private static MqttClient connect(String clientId, String username, byte[] password) throws MqttException {
        MqttClient client = new MqttClient(broker.serverUri(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(10);
        if (username != null) options.setUserName(username);
        if (password != null) options.setPassword(password);
        try {
            client.connect(options);
            return client;
        } catch (MqttException e) {
            client.close();
            throw e;
        }
    }
}
