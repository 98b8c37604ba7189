package io.fedmq.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import io.fedmq.protocol.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A handler that records what it receives, for tests to wait on. */
final class Recorder implements Transport.Handler {
    /** One delivered message. */
    record Received(String topic, byte[] payload, boolean retained) {
        String text() { return new String(payload, StandardCharsets.UTF_8); }
    }

    private final LinkedBlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();

    @Override
    public void onMessage(String topic, byte[] payload, boolean retained) {
        topics.add(topic);
        queue.add(new Received(topic, payload, retained));
    }

    /** Whether any message on this topic has arrived, whether or not it was taken from the queue. */
    boolean hasReceived(String topic) { return topics.contains(topic); }

    /** The next message, failing the test if none comes within the timeout. */
    Received next(Duration timeout) throws InterruptedException {
        Received r = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) fail("no message within " + timeout);
        return r;
    }

    /** The next message, or null when none comes within the timeout. */
    Received poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Received> next(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> out = new ArrayList<>(count);
        while (out.size() < count) {
            Received r = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) fail("only " + out.size() + " of " + count + " messages within " + timeout);
            out.add(r);
        }
        return out;
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
