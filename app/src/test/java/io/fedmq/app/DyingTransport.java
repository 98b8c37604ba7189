package io.fedmq.app;

import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Transport;

/**
 * A node's transport that dies the moment the node tries to publish for a given stage, as if the process
 * were killed right there: nothing of that stage or later leaves it. {@code onDeath} can cut the real
 * connection too (Paho's abrupt disconnect, so the broker fires the Last Will).
 */
final class DyingTransport implements Transport {
    private final Transport delegate;
    private final String deathSegment;
    private final Runnable onDeath;
    private volatile boolean dead;

    DyingTransport(Transport delegate, Stage dieAt, Runnable onDeath) {
        this.delegate = delegate;
        this.deathSegment = "/" + dieAt.segment() + "/";
        this.onDeath = onDeath;
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) throws TransportException {
        if (!dead && topic.contains(deathSegment)) {
            dead = true;
            onDeath.run();
        }
        if (dead) throw new TransportException("node is dead (killed at " + deathSegment + ")");
        delegate.publish(topic, payload, retained);
    }

    @Override
    public void subscribe(String filter, Handler handler) throws TransportException {
        delegate.subscribe(filter, (t, p, r) -> { if (!dead) handler.onMessage(t, p, r); });
    }

    @Override
    public Traffic traffic() { return delegate.traffic(); }

    @Override
    public void close() { delegate.close(); }
}
