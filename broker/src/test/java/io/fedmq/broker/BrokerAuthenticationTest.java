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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security seam against a real HiveMQ: what the policy sees, that HiveMQ obeys its decisions (refusals,
 * topic rules, withdrawals), and what an MQTT 5 client gets back when refused.
 */
class BrokerAuthenticationTest {
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final int CLIENT_ID_NOT_VALID = 0x85;
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int NOT_AUTHORIZED = 0x87;

    @TempDir
    static Path folder;
    static EmbeddedBroker broker;
    static final List<ConnectRequest> seen = new CopyOnWriteArrayList<>();
    static volatile Predicate<String> withdrawNext;
    private LogCapture log;

    /** pi-1 with the right password, as client "node-pi-1" only; "boom" breaks the policy; everyone else is refused. */
    static final ClientAuthenticator POLICY = new ClientAuthenticator() {
        @Override
        public Decision authenticate(ConnectRequest r) {
            seen.add(r);
            if ("boom".equals(r.username())) throw new IllegalStateException("policy bug");
            if (r.username() == null) return Decision.refuse(Decision.Reason.ANONYMOUS, "anonymous " + r.clientId());
            if (!"pi-1".equals(r.username()) || !Arrays.equals(SECRET, r.password())) {
                return Decision.refuse(Decision.Reason.WRONG_PASSWORD, "wrong password for " + r.username());
            }
            if (!r.clientId().startsWith("node-pi-1")) return Decision.refuse(Decision.Reason.CLIENT_ID_NOT_BOUND, "pi-1 as " + r.clientId());
            return new Decision.Granted("pi-1", "node", List.of(
                    AccessRule.publishRetained("t/pi-1/status"), AccessRule.publish("t/round/+/pi-1"),
                    AccessRule.subscribe("t/round/+"), AccessRule.subscribe("t/pi-1/inbox")));
        }

        @Override
        public Optional<Predicate<String>> withdrawn() {
            Predicate<String> p = withdrawNext;
            withdrawNext = null;
            return Optional.ofNullable(p);
        }
    };

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedBroker(BrokerConfig.loopback(folder, 0).withAuthenticator(POLICY)).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @BeforeEach
    void forget() {
        seen.clear();
        log = new LogCapture("io.fedmq.broker");
    }

    @AfterEach
    void stopRecording() { log.close(); }

    @Test
    void letsInWhomThePolicyAllowsAndShowsItWhatTheClientSent() throws Exception {
        MqttAsyncClient client = connect("node-pi-1", "pi-1", SECRET);
        try {
            assertTrue(client.isConnected());
        } finally {
            close(client);
        }
        ConnectRequest request = seen.get(0);
        assertEquals("node-pi-1", request.clientId());
        assertEquals("pi-1", request.username());
        assertArrayEquals(SECRET, request.password());
        assertEquals("127.0.0.1", request.remoteAddress());
        assertFalse(request.toString().contains("s3cret"), "passwords never reach a log line");
        log.await(Duration.ofSeconds(5), "'node-pi-1'", "authenticated as node pi-1");
    }

    @Test
    void badCredentialsAllLookAlikeToTheClientAndEachLeavesALogLine() throws Exception {
        MqttException wrong = assertThrows(MqttException.class, () -> connect("intruder", "pi-1", "guess".getBytes(StandardCharsets.UTF_8)));
        assertEquals(BAD_USER_NAME_OR_PASSWORD, wrong.getReasonCode());
        MqttException anonymous = assertThrows(MqttException.class, () -> connect("anonymous", null, null));
        assertEquals(BAD_USER_NAME_OR_PASSWORD, anonymous.getReasonCode());
        assertNull(seen.get(1).username());
        assertNull(seen.get(1).password());
        log.await(Duration.ofSeconds(5), "WARN Refused connection from 127.0.0.1", "wrong password for pi-1");
        log.await(Duration.ofSeconds(5), "WARN Refused connection from 127.0.0.1", "anonymous anonymous");
        assertTrue(log.lines().stream().noneMatch(l -> l.contains("guess")), "no password in the log: " + log.lines());
    }

    @Test
    void theRightPasswordWithAnotherClientIdIsRefusedAsSuch() {
        MqttException e = assertThrows(MqttException.class, () -> connect("node-pi-2", "pi-1", SECRET));
        assertEquals(CLIENT_ID_NOT_VALID, e.getReasonCode());
    }

    @Test
    void aPolicyThatThrowsFailsClosed() {
        MqttException e = assertThrows(MqttException.class, () -> connect("buggy", "boom", SECRET));
        assertEquals(NOT_AUTHORIZED, e.getReasonCode());
    }

    @Test
    void aGrantedClientPublishesAndSubscribesWhereItsRulesSay() throws Exception {
        MqttAsyncClient client = connect("node-pi-1-a", "pi-1", SECRET);
        try {
            IMqttToken sub = subscribe(client, "t/pi-1/inbox");
            assertEquals(1, sub.getReasonCodes()[0], "granted QoS 1");
            assertTrue(publish(client, "t/round/3/pi-1", false) < 0x80, "its own stage topic");
            assertTrue(publish(client, "t/pi-1/status", true) < 0x80, "its status, retained");
            assertTrue(client.isConnected());
        } finally {
            close(client);
        }
    }

    @Test
    void aRefusedPublishIsAnsweredNotAuthorizedThenTheClientIsDisconnected() throws Exception {
        MqttAsyncClient client = connect("node-pi-1-b", "pi-1", SECRET);
        CompletableFuture<Integer> disconnect = new CompletableFuture<>();
        client.setCallback(new DisconnectRecorder(disconnect));
        try {
            assertEquals(NOT_AUTHORIZED, publish(client, "t/round/3/pi-2", false), "another node's topic");
            assertEquals(NOT_AUTHORIZED, disconnect.get(10, TimeUnit.SECONDS), "DISCONNECT reason code");
            log.await(Duration.ofSeconds(5), "WARN Refused publish of client 'node-pi-1-b' (node pi-1) on 't/round/3/pi-2'");
        } finally {
            close(client);
        }
    }

    @Test
    void retainingIsRefusedWhereOnlyPlainPublishesAreAllowed() throws Exception {
        MqttAsyncClient client = connect("node-pi-1-c", "pi-1", SECRET);
        try {
            assertEquals(NOT_AUTHORIZED, publish(client, "t/round/3/pi-1", true));
            log.await(Duration.ofSeconds(5), "Refused retained publish of client 'node-pi-1-c'");
        } finally {
            close(client);
        }
    }

    @Test
    void aRefusedSubscriptionIsAnsweredNotAuthorizedAndTheClientStays() throws Exception {
        MqttAsyncClient client = connect("node-pi-1-d", "pi-1", SECRET);
        try {
            for (String filter : List.of("#", "t/pi-2/inbox", "t/+/inbox", "$share/g/t/round/+")) {
                IMqttToken token = subscribe(client, filter);
                assertEquals(NOT_AUTHORIZED, token.getReasonCodes()[0], filter);
                log.await(Duration.ofSeconds(5), "Refused subscription of client 'node-pi-1-d' (node pi-1) to '" + filter + "'");
            }
            // HiveMQ's own matching would let a permission's '+' stand for this '#', and with it every node's topics.
            assertEquals(NOT_AUTHORIZED, subscribe(client, "t/round/#").getReasonCodes()[0]);
            assertEquals(NOT_AUTHORIZED, subscribe(client, "t/round/+/#").getReasonCodes()[0]);
            assertTrue(client.isConnected(), "a refused subscription does not cost the connection");
        } finally {
            close(client);
        }
    }

    @Test
    void aWithdrawnGrantDisconnectsTheClientAndOnlyIt() throws Exception {
        MqttAsyncClient doomed = connect("node-pi-1-e", "pi-1", SECRET);
        MqttAsyncClient spared = connect("node-pi-1-f", "pi-1", SECRET);
        CompletableFuture<Integer> disconnect = new CompletableFuture<>();
        doomed.setCallback(new DisconnectRecorder(disconnect));
        try {
            withdrawNext = "node-pi-1-e"::equals;
            assertEquals(NOT_AUTHORIZED, disconnect.get(10, TimeUnit.SECONDS));
            log.await(Duration.ofSeconds(5), "Disconnected client 'node-pi-1-e': its credentials were revoked or changed");
            assertTrue(spared.isConnected());
        } finally {
            close(doomed);
            close(spared);
        }
    }

    private static MqttAsyncClient connect(String clientId, String username, byte[] password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.serverUri(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(10);
        if (username != null) options.setUserName(username);
        if (password != null) options.setPassword(password);
        try {
            client.connect(options).waitForCompletion(10_000);
            return client;
        } catch (MqttException e) {
            client.close();
            throw e;
        }
    }

    /** The PUBACK reason code of a QoS 1 publish: below 0x80 it went through (0x10: no one was subscribed). */
    private static int publish(MqttAsyncClient client, String topic, boolean retained) throws MqttException {
        IMqttToken token = client.publish(topic, new MqttMessage(new byte[] {1}, 1, retained, new MqttProperties()));
        token.waitForCompletion(10_000);
        int[] codes = token.getReasonCodes();
        return codes == null ? 0 : codes[0];
    }

    /** The SUBACK, waited for. */
    private static IMqttToken subscribe(MqttAsyncClient client, String filter) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null, null, new MqttProperties());
        token.waitForCompletion(10_000);
        return token;
    }

    private static void close(MqttAsyncClient client) throws MqttException {
        if (client.isConnected()) client.disconnectForcibly(1000);
        client.close();
    }

    private record DisconnectRecorder(CompletableFuture<Integer> reason) implements MqttCallback {
        @Override public void disconnected(MqttDisconnectResponse r) { reason.complete(r.getReturnCode()); }
        @Override public void mqttErrorOccurred(MqttException e) {}
        @Override public void messageArrived(String topic, MqttMessage message) {}
        @Override public void deliveryComplete(IMqttToken token) {}
        @Override public void connectComplete(boolean reconnect, String serverURI) {}
        @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
