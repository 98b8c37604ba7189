package io.fedmq.app;

import io.fedmq.protocol.Transport;
import java.time.Duration;

/**
 * A node's transport over a slow link: everything it publishes for a round stage leaves {@code latency} late,
 * as from a Pi on weak Wi-Fi. Keeps each phase of a round open long enough for a test to act inside it.
 */
final class SlowLink implements Transport {
    private final Transport delegate;
    private final Duration latency;

    SlowLink(Transport delegate, Duration latency) {
        this.delegate = delegate;
        this.latency = latency;
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) throws TransportException {
        if (topic.contains("/round/")) {
            try {
                Thread.sleep(latency.toMillis()); // the simulated link's latency, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while sending");
            }
        }
        delegate.publish(topic, payload, retained);
    }

    @Override
    public void subscribe(String filter, Handler handler) throws TransportException { delegate.subscribe(filter, handler); }

    @Override
    public Traffic traffic() { return delegate.traffic(); }

    @Override
    public void close() { delegate.close(); }
}
