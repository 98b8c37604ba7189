package io.fedmq.mqtt;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a lost connection back: attempts with a pause that doubles from 1 s up to the configured limit, on a
 * daemon thread of its own. Used instead of Paho's automatic reconnect, whose timer is a non-daemon thread
 * that outlives a client closed while offline, whose back-off is one static field shared by every client in
 * the JVM, and which does not say whether the broker resumed the session.
 */
final class Reconnector {
    private static final Logger log = LoggerFactory.getLogger(Reconnector.class);
    private static final long FIRST_DELAY_MS = 1_000;
    private static final long ABANDON_TIMEOUT_MS = 2_000;

    /** Told when a connection is back, on a Paho thread: it must not wait there. */
    interface Listener {
        void reconnected(boolean sessionPresent);
    }

    private final MqttAsyncClient client;
    private final MqttSettings settings;
    private final int receiveMaximum;
    private final Listener listener;
    private final ScheduledExecutorService executor;
    private final long firstDelayMs;
    private volatile long delayMs;
    private volatile int lastRefusal;

    Reconnector(MqttAsyncClient client, MqttSettings settings, int receiveMaximum, Listener listener) {
        this.client = client;
        this.settings = settings;
        this.receiveMaximum = receiveMaximum;
        this.listener = listener;
        this.firstDelayMs = Math.min(FIRST_DELAY_MS, settings.maxReconnectDelay().toMillis());
        this.delayMs = firstDelayMs;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> PahoTransport.daemon(r, "fedmq-mqtt-" + settings.clientId() + "-reconnect"));
    }

    /** Starts reconnecting; the first attempt comes after the current pause. */
    void connectionLost() { schedule(); }

    /** Runs work that may wait for the broker (renewing subscriptions) off Paho's threads. */
    void runInBackground(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Stops reconnecting for good. */
    void close() { executor.shutdownNow(); }

    private void schedule() {
        try {
            executor.schedule(this::attempt, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /**
     * One attempt. It ends in {@link Outcome}, because a slow attempt may still succeed after a caller would
     * have stopped waiting for it; one that hangs past the connect timeout is cut off and counts as failed.
     */
    private void attempt() {
        if (executor.isShutdown()) return;
        try {
            IMqttToken token = client.connect(PahoOptions.connect(settings, receiveMaximum), null, new Outcome());
            executor.schedule(() -> abandonIfPending(token), settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (MqttException | RejectedExecutionException e) {
            failed(e);
        }
    }

    private void abandonIfPending(IMqttToken token) {
        if (token.isComplete() || executor.isShutdown()) return;
        try {
            client.disconnectForcibly(0, ABANDON_TIMEOUT_MS, false); // fails the attempt, which schedules the next
        } catch (MqttException e) {
            log.debug("Could not abandon a hanging reconnect of {}", settings.clientId(), e);
        }
    }

    private void failed(Throwable cause) {
        delayMs = Math.min(delayMs * 2, settings.maxReconnectDelay().toMillis());
        int code = cause instanceof MqttException e ? e.getReasonCode() : 0;
        if (ReasonCodes.isBrokerFailure(code)) {
            // Not a network blip: revoked or wrong credentials. Said once per cause, not on every attempt.
            if (code != lastRefusal) {
                log.warn("The broker at {} refused {} on reconnect: {}; retrying every {} s at most", settings.serverUri(),
                        settings.clientId(), ReasonCodes.describe(code), settings.maxReconnectDelay().toSeconds());
            }
            lastRefusal = code;
        } else {
            log.debug("Reconnect of {} to {} failed ({}); next try in {} ms", settings.clientId(), settings.serverUri(), cause.getMessage(), delayMs);
        }
        schedule();
    }

    private final class Outcome implements MqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            delayMs = firstDelayMs;
            lastRefusal = 0;
            listener.reconnected(token.getSessionPresent());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) { failed(e); }
    }
}
