package io.fedmq.protocol.security;

import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireFormatException;
import java.security.PublicKey;

/**
 * A node's transport: everything it receives comes from the orchestrator, so everything must carry a valid
 * signature by the orchestrator key pinned in the node's config. Anything unsigned, mis-signed, altered or moved
 * to another topic is dropped before the node decodes it, and reported; the node keeps its current model. An
 * empty payload (a cleared retained topic) carries nothing to act on and passes.
 */
public final class VerifyingTransport implements Transport {
    /** Hears about each refused message. */
    @FunctionalInterface
    public interface Refusals {
        void refused(String topic, String reason);
    }

    private final Transport delegate;
    private final PublicKey key;
    private final Refusals refusals;

    public VerifyingTransport(Transport delegate, PublicKey key, Refusals refusals) {
        this.delegate = delegate;
        this.key = key;
        this.refusals = refusals;
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) throws TransportException {
        delegate.publish(topic, payload, retained);
    }

    @Override
    public void subscribe(String filter, Handler handler) throws TransportException {
        delegate.subscribe(filter, (topic, payload, retained) -> {
            if (payload.length == 0) {
                handler.onMessage(topic, payload, retained);
                return;
            }
            byte[] opened;
            try {
                opened = SignedPayload.open(topic, payload, key);
            } catch (WireFormatException e) {
                refusals.refused(topic, e.getMessage());
                return;
            }
            handler.onMessage(topic, opened, retained);
        });
    }

    @Override
    public Traffic traffic() { return delegate.traffic(); }

    @Override
    public void close() { delegate.close(); }
}
