package io.fedmq.protocol;

/**
 * The port to the message bus: what the orchestrator and the nodes need from MQTT, and nothing more.
 * Publishes are QoS 1. Handlers run on the transport's own executor, one message at a time per transport, in
 * arrival order; a handler that throws is logged by the transport, never propagated into the MQTT client.
 * The Paho adapter is the production implementation; tests also use an in-memory one.
 */
public interface Transport extends AutoCloseable {

    /** Publishes at QoS 1; a retained publish replaces what the topic retained. */
    void publish(String topic, byte[] payload, boolean retained) throws TransportException;

    /** Deletes the retained message of a topic (an empty retained publish). */
    default void clearRetained(String topic) throws TransportException { publish(topic, new byte[0], true); }

    /** Subscribes at QoS 1; the handler also receives what the filter's topics retained. */
    void subscribe(String filter, Handler handler) throws TransportException;

    /** Bytes published and received so far, payloads only. */
    Traffic traffic();

    @Override
    void close();

    /** Receives one message. */
    @FunctionalInterface
    interface Handler {
        void onMessage(String topic, byte[] payload, boolean retained) throws Exception;
    }

    /** Payload byte counters, for the per-round report. */
    record Traffic(long bytesSent, long bytesReceived) {
        public Traffic minus(Traffic earlier) {
            return new Traffic(bytesSent - earlier.bytesSent, bytesReceived - earlier.bytesReceived);
        }
    }

    /** The bus refused or failed an operation. */
    final class TransportException extends Exception {
        private static final long serialVersionUID = 1L;

        public TransportException(String message, Throwable cause) { super(message, cause); }

        public TransportException(String message) { super(message); }
    }
}
