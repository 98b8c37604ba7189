package io.fedmq.mqtt;

import io.fedmq.mqtt.Subscriptions.Subscription;
import io.fedmq.protocol.Transport;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Transport} over MQTT v5, on Eclipse Paho: with its helpers in this package, the only code in
 * fedmq that touches Paho. Connect with {@link #connect(MqttSettings)}.
 *
 * <p>What it does about Paho's and HiveMQ's traps:
 * <ul>
 *   <li>Messages are copied and handed to a single-thread executor at once, because Paho's callback blocks the
 *       PUBACK and an exception thrown there shuts the client down. A handler that throws is logged and skipped.
 *   <li>QoS 1 state is kept in memory only: Paho's default persistence writes every message to the working
 *       directory, which on a Pi is the SD card.
 *   <li>A publish larger than the maximum packet size (the client's own, or the broker's if smaller), less room
 *       for the subscription identifiers the broker adds when it forwards it, is refused here, with a log line
 *       naming the topic, the size and the limit. Paho would check it only as it writes to the socket (against
 *       the client's own maximum: bug #987) and then drop the connection; a broker disconnects the client; and
 *       a subscriber's Paho drops its connection on a forwarded packet above the broker's maximum (the same bug,
 *       the other way round), every time the message is redelivered. Message expiry is never sent (HiveMQ
 *       reads 0 as "already expired").
 *   <li>Publishers wait for a slot when the broker's receive maximum is reached, instead of failing with
 *       Paho's "too many publishes in progress".
 *   <li>It reconnects by itself ({@link Reconnector}) and subscribes again when the broker did not keep the
 *       session; a publish or subscribe made meanwhile waits for the connection, up to its timeout.
 * </ul>
 */
public final class PahoTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(PahoTransport.class);
    /** How many unacknowledged QoS 1 messages the broker may push at us; handing off is fast, so the maximum. */
    private static final int RECEIVE_MAXIMUM = 65_535;
    private static final long CLOSE_TIMEOUT_MS = 2_000;
    private static final long RETRY_PAUSE_MS = 50;

    private final MqttSettings settings;
    private final Subscriptions subscriptions = new Subscriptions();
    private final ExecutorService dispatcher;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConnectionGate gate = new ConnectionGate();
    private final MqttAsyncClient client;
    private final Reconnector reconnector;
    private final Semaphore inFlight;
    private final boolean subscriptionIdsAvailable;
    private final PacketLimit packetLimit;

    /**
     * Connects to the broker, waiting at most {@link MqttSettings#connectTimeout()}.
     *
     * @throws TransportException when the broker cannot be reached, refuses the client, or does not answer in time
     */
    public static PahoTransport connect(MqttSettings settings) throws TransportException {
        return new PahoTransport(Objects.requireNonNull(settings, "settings"));
    }

    private PahoTransport(MqttSettings settings) throws TransportException {
        this.settings = settings;
        this.dispatcher = Executors.newSingleThreadExecutor(r -> daemon(r, "fedmq-mqtt-" + settings.clientId()));
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            dispatcher.shutdownNow();
            throw new TransportException("Cannot create an MQTT client for " + settings.serverUri() + ": " + e.getMessage(), e);
        }
        this.reconnector = new Reconnector(client, settings, RECEIVE_MAXIMUM, this::reconnected);
        // Set before connecting: a resumed session delivers its queued messages right after the CONNACK.
        client.setCallback(new Callback());
        IMqttToken token;
        try {
            token = client.connect(PahoOptions.connect(settings, RECEIVE_MAXIMUM));
            token.waitForCompletion(settings.connectTimeout().toMillis());
        } catch (MqttException e) {
            release(); // also ends an attempt that is still under way after the timeout
            if (ReasonCodes.isBrokerFailure(e.getReasonCode())) {
                throw new TransportException("The broker at " + settings.serverUri() + " refused client " + settings.clientId()
                        + (settings.credentials() == null ? " (no credentials given)" : " (user " + settings.credentials().username() + ")")
                        + ": " + ReasonCodes.describe(e.getReasonCode()), e);
            }
            throw new TransportException("Cannot connect to " + settings.serverUri() + " as " + settings.clientId()
                    + " within " + settings.connectTimeout().toSeconds() + " s: " + e.getMessage(), e);
        }
        MqttProperties connack = token.getResponseProperties();
        Integer brokerReceiveMaximum = connack == null ? null : connack.getReceiveMaximum();
        this.inFlight = new Semaphore(brokerReceiveMaximum == null ? RECEIVE_MAXIMUM : brokerReceiveMaximum, true);
        this.subscriptionIdsAvailable = connack == null || connack.isSubscriptionIdentifiersAvailable();
        this.packetLimit = PacketLimit.negotiated(settings.maxPacketBytes(), connack == null ? null : connack.getMaximumPacketSize());
        if (connack != null && connack.getTopicAliasMaximum() != null && connack.getTopicAliasMaximum() > 0) {
            // Paho 1.2.5 resends unacknowledged publishes after a reconnect with the old connection's topic
            // alias and no topic; the broker then drops the connection again, over and over.
            log.warn("The broker at {} allows topic aliases; with Paho 1.2.5 that can break reconnects. "
                    + "Set its topic alias maximum to 0 (fedmq's embedded broker does).", settings.serverUri());
        }
        gate.set(true);
        log.info("Connected to {} as {} (session {})", settings.serverUri(), settings.clientId(),
                token.getSessionPresent() ? "resumed" : "new");
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) throws TransportException {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        packetLimit.requireFits(topic, payload);
        long deadline = System.nanoTime() + settings.operationTimeout().toNanos();
        try {
            if (!inFlight.tryAcquire(remainingMs(deadline), TimeUnit.MILLISECONDS)) {
                throw new TransportException("Publish to " + topic + " found no free in-flight slot within " + timeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted before publishing to " + topic, e);
        }
        try {
            awaitConnected(deadline, "publish to " + topic);
            IMqttToken token = sendWhenPahoHasRoom(topic, payload, retained, deadline);
            token.waitForCompletion(remainingMs(deadline));
            requireSuccess(token, "Publish to " + topic);
            bytesSent.addAndGet(payload.length);
        } catch (MqttException e) {
            throw new TransportException("Publish to " + topic + " failed: " + e.getMessage(), e);
        } finally {
            inFlight.release();
        }
    }

    /** The maximum packet size that applies to this connection: its own, or the broker's when that is smaller. */
    public long maxPacketBytes() { return packetLimit.maxPacketBytes(); }

    /** The largest PUBLISH packet this transport sends, so that the broker can forward it to anyone. */
    public long maxPublishPacketBytes() { return packetLimit.maxPublishPacketBytes(); }

    /**
     * Paho counts a publish as in flight until its callback thread has processed the PUBACK, a moment after
     * the publisher was woken by it. In that moment the slot is free by {@link #inFlight} but not yet by Paho's
     * count, which then refuses with "too many publishes in progress"; such a refusal is retried.
     */
    private IMqttToken sendWhenPahoHasRoom(String topic, byte[] payload, boolean retained, long deadline)
            throws MqttException, TransportException {
        while (true) {
            try {
                // A fresh message each try, as Paho writes into its properties. None are set here; in particular
                // no message expiry, which means "never expires".
                return client.publish(topic, new MqttMessage(payload, 1, retained, new MqttProperties()));
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || remainingMs(deadline) == 0) throw e;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("Interrupted while publishing to " + topic, e);
            }
        }
    }

    @Override
    public void subscribe(String filter, Handler handler) throws TransportException {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(handler, "handler");
        Subscription s = subscriptions.add(filter, handler);
        long deadline = System.nanoTime() + settings.operationTimeout().toNanos();
        try {
            subscribeUntilAcknowledged(s, deadline);
        } catch (MqttException e) {
            subscriptions.remove(s);
            throw new TransportException("Subscribe to " + filter + " failed: " + e.getMessage(), e);
        } catch (TransportException | RuntimeException e) { // Paho throws IllegalArgumentException for a bad filter
            subscriptions.remove(s);
            throw e;
        }
    }

    /**
     * A subscription sent while the broker is dropping the connection (HiveMQ does so right after refusing a
     * publish) fails in Paho before the transport has noticed the loss; subscribing is idempotent, so it is sent
     * again once the connection is back, within the operation's deadline.
     */
    private void subscribeUntilAcknowledged(Subscription s, long deadline) throws MqttException, TransportException {
        while (true) {
            awaitConnected(deadline, "subscribe to " + s.filter());
            try {
                IMqttToken token = sendSubscribe(s);
                token.waitForCompletion(remainingMs(deadline));
                requireSuccess(token, "Subscribe to " + s.filter());
                return;
            } catch (MqttException e) {
                if (!ReasonCodes.isConnectionLoss(e) || remainingMs(deadline) < RETRY_PAUSE_MS) throw e;
                log.debug("Subscribe of {} to {} met a lost connection; sending it again when reconnected", settings.clientId(), s.filter());
            }
            try {
                Thread.sleep(RETRY_PAUSE_MS); // lets the disconnect callback mark the connection lost
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("Interrupted while subscribing to " + s.filter(), e);
            }
        }
    }

    @Override
    public Traffic traffic() { return new Traffic(bytesSent.get(), bytesReceived.get()); }

    /** Whether the transport is connected right now; it reconnects by itself until closed. */
    public boolean isConnected() {
        return gate.isConnected();
    }

    /**
     * Disconnects gracefully, so the broker does <em>not</em> publish the Last Will, and releases the client.
     * Messages not yet handled are dropped and a running handler is interrupted. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        gate.set(false);
        try {
            if (client.isConnected()) client.disconnect(CLOSE_TIMEOUT_MS).waitForCompletion(CLOSE_TIMEOUT_MS);
        } catch (MqttException e) {
            log.debug("Graceful disconnect of {} failed; closing the socket", settings.clientId(), e);
        }
        release();
        log.info("Disconnected {} from {}", settings.clientId(), settings.serverUri());
    }

    /**
     * Drops the connection without a DISCONNECT packet, as a crash or a pulled plug would, so the broker
     * publishes the Last Will. For tests and fault drills; the transport is closed afterwards.
     */
    public void disconnectAbruptly() {
        if (!closed.compareAndSet(false, true)) return;
        gate.set(false);
        release();
        log.info("Dropped the connection of {} to {} without a DISCONNECT", settings.clientId(), settings.serverUri());
    }

    private IMqttToken sendSubscribe(Subscription s) throws MqttException {
        MqttProperties properties = new MqttProperties();
        if (subscriptionIdsAvailable) properties.setSubscriptionIdentifier(s.id());
        return client.subscribe(new MqttSubscription[] {new MqttSubscription(s.filter(), 1)}, null, null, properties);
    }

    /**
     * Paho completes a token normally even when the broker's acknowledgement carries a failure code. A broker
     * with ACLs answers a refused publish with PUBACK 0x87 and then drops the connection (HiveMQ does; the
     * transport reconnects), and a refused subscription with SUBACK 0x87: both become an exception and a log line.
     */
    private void requireSuccess(IMqttToken token, String what) throws TransportException {
        String refusal = ReasonCodes.refusal(token.getReasonCodes(), token.getResponseProperties());
        if (refusal == null) return;
        String message = what + " by " + settings.clientId() + " was refused by the broker, " + refusal;
        log.warn(message);
        throw new TransportException(message);
    }

    private void awaitConnected(long deadline, String what) throws TransportException {
        boolean up;
        try {
            up = gate.await(deadline, closed::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while waiting to " + what, e);
        }
        if (closed.get()) throw new TransportException("Cannot " + what + ": the transport is closed");
        if (!up) throw new TransportException("Not connected to " + settings.serverUri() + "; gave up the " + what + " after " + timeout());
    }

    /** On a Paho thread, after an automatic reconnect. */
    private void reconnected(boolean sessionPresent) {
        gate.set(true);
        if (sessionPresent) {
            log.info("Reconnected {} to {}; the broker resumed the session", settings.clientId(), settings.serverUri());
            return;
        }
        List<Subscription> all = subscriptions.all();
        log.info("Reconnected {} to {} with a new session; renewing {} subscriptions", settings.clientId(), settings.serverUri(), all.size());
        reconnector.runInBackground(() -> renew(all));
    }

    /** Subscribes again; a connection lost meanwhile leads to another reconnect, which renews them again. */
    private void renew(List<Subscription> all) {
        for (Subscription s : all) {
            try {
                IMqttToken token = sendSubscribe(s);
                token.waitForCompletion(settings.operationTimeout().toMillis());
                requireSuccess(token, "Renewed subscription to " + s.filter());
            } catch (MqttException | TransportException e) {
                log.warn("Could not renew the subscription of {} to {}: {}", settings.clientId(), s.filter(), e.getMessage());
            }
        }
    }

    /** Runs on the dispatcher thread, one message at a time. */
    private void deliver(List<Subscription> targets, String topic, byte[] payload, boolean retained) {
        for (int i = 0; i < targets.size(); i++) {
            Subscription s = targets.get(i);
            try {
                // Each handler gets its own copy, so one cannot change what the next one sees.
                s.handler().onMessage(topic, i == 0 ? payload : payload.clone(), retained);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                log.error("Handler of {} failed on a message from {}; dropped it", s.filter(), topic, e);
            }
        }
    }

    /** Closes the socket without a DISCONNECT if it is still open, then the Paho client and the threads. */
    private void release() {
        reconnector.close();
        try {
            client.disconnectForcibly(0, CLOSE_TIMEOUT_MS, false);
        } catch (MqttException e) {
            log.debug("Closing the socket of {}: {}", settings.clientId(), e.getMessage()); // usually: already closed
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing the MQTT client {} failed", settings.clientId(), e);
        }
        dispatcher.shutdownNow();
    }

    private String timeout() { return settings.operationTimeout().toSeconds() + " s"; }

    private static long remainingMs(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** A transport someone forgot to close must not keep the JVM alive. */
    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Paho's callbacks. None of them may block or throw: they run on Paho's receiving and callback threads. */
    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                byte[] payload = message.getPayload().clone();
                bytesReceived.addAndGet(payload.length);
                List<Subscription> targets = subscriptions.route(topic, message.getProperties().getSubscriptionIdentifiers());
                if (targets.isEmpty()) {
                    log.debug("{} has no subscription for {}; dropped it", settings.clientId(), topic);
                    return;
                }
                boolean retained = message.isRetained();
                dispatcher.execute(() -> deliver(targets, topic, payload, retained));
            } catch (RejectedExecutionException e) {
                log.debug("{} is closed; dropped a message from {}", settings.clientId(), topic);
            } catch (RuntimeException e) {
                log.error("Could not hand over a message from {}", topic, e);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            gate.set(false);
            if (closed.get()) return;
            log.warn("{} lost its connection to {} ({}); reconnecting", settings.clientId(), settings.serverUri(), ReasonCodes.why(response));
            reconnector.connectionLost();
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            log.warn("MQTT error on {}: {}", settings.clientId(), e.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
