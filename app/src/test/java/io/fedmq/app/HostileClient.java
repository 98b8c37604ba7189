package io.fedmq.app;

import io.fedmq.mqtt.MqttSettings.Credentials;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

/**
 * A bare MQTT 5 client that does what it is told, right or wrong: any client id, any credentials, retained
 * publishes anywhere. It reports the broker's reason codes instead of hiding them, which fedmq's transport never
 * lets anyone do.
 */
final class HostileClient implements AutoCloseable {
    static final int CLIENT_ID_NOT_VALID = 0x85;
    static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    static final int NOT_AUTHORIZED = 0x87;

    private final MqttAsyncClient client;
    private final CompletableFuture<Integer> disconnected = new CompletableFuture<>();
    private final CompletableFuture<String> received = new CompletableFuture<>();

    private HostileClient(MqttAsyncClient client) { this.client = client; }

    /** Connects, or throws the broker's refusal ({@link MqttException#getReasonCode()} is the CONNACK code). */
    static HostileClient connect(String uri, String clientId, Credentials credentials) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        HostileClient h = new HostileClient(c);
        c.setCallback(h.new Recorder());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setConnectionTimeout(10);
        if (credentials != null) {
            o.setUserName(credentials.username());
            o.setPassword(credentials.password());
        }
        try {
            c.connect(o).waitForCompletion(10_000);
            return h;
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
    }

    /** Publishes at QoS 1; returns the PUBACK's reason code (from 0x80 up: refused). */
    int publish(String topic, byte[] payload, boolean retained) throws MqttException {
        IMqttToken t = client.publish(topic, new MqttMessage(payload, 1, retained, new MqttProperties()));
        t.waitForCompletion(10_000);
        return t.getReasonCodes() == null ? 0 : t.getReasonCodes()[0];
    }

    /** Subscribes at QoS 1; returns the SUBACK's reason code (from 0x80 up: refused). */
    int subscribe(String filter) throws MqttException {
        IMqttToken t = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null, null, new MqttProperties());
        t.waitForCompletion(10_000);
        return t.getReasonCodes()[0];
    }

    /** The reason code of the broker's DISCONNECT, waiting up to 10 s for it. */
    int awaitDisconnect() throws Exception { return disconnected.get(10, TimeUnit.SECONDS); }

    /** The topic of the first message this client receives, waiting up to 10 s. */
    String awaitMessage() throws Exception { return received.get(10, TimeUnit.SECONDS); }

    boolean isConnected() { return client.isConnected(); }

    @Override
    public void close() {
        try {
            if (client.isConnected()) client.disconnectForcibly(1000);
            client.close(true);
        } catch (MqttException e) {
            // already gone
        }
    }

    private final class Recorder implements MqttCallback {
        @Override public void disconnected(MqttDisconnectResponse r) { disconnected.complete(r.getReturnCode()); }
        @Override public void mqttErrorOccurred(MqttException e) {}
        @Override public void messageArrived(String topic, MqttMessage message) { received.complete(topic); }
        @Override public void deliveryComplete(IMqttToken token) {}
        @Override public void connectComplete(boolean reconnect, String serverURI) {}
        @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
