package io.fedmq.protocol.security;

import io.fedmq.protocol.Transport;
import java.security.PrivateKey;

/**
 * The orchestrator's transport: signs every publication with its Ed25519 key (an empty payload, which only
 * clears a retained topic, has nothing to sign). Receiving is untouched.
 */
public final class SigningTransport implements Transport {
    private final Transport delegate;
    private final PrivateKey key;

    public SigningTransport(Transport delegate, PrivateKey key) {
        this.delegate = delegate;
        this.key = key;
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) throws TransportException {
        delegate.publish(topic, payload.length == 0 ? payload : SignedPayload.sign(topic, payload, key), retained);
    }

    @Override
    public void subscribe(String filter, Handler handler) throws TransportException { delegate.subscribe(filter, handler); }

    @Override
    public Traffic traffic() { return delegate.traffic(); }

    @Override
    public void close() { delegate.close(); }
}
