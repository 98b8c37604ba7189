package io.fedmq.protocol.testing;

import io.fedmq.protocol.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process MQTT stand-in with the semantics fedmq relies on: retained messages, '+' and '#' filters,
 * per-client ordered delivery on the client's own thread. A fake for unit tests, not a broker.
 */
public final class InMemoryBus {
    private final Map<String, byte[]> retained = new LinkedHashMap<>();
    private final List<Client> clients = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    /** A new client connected to this bus. */
    public synchronized Client connect(String name) {
        Client c = new Client(name);
        clients.add(c);
        return c;
    }

    /** Every topic published so far, in order: for assertions. */
    public synchronized List<String> publishedTopics() { return List.copyOf(log); }

    public synchronized Map<String, byte[]> retained() { return Map.copyOf(retained); }

    private synchronized void route(Client from, String topic, byte[] payload, boolean retain) {
        log.add(topic);
        if (retain) {
            if (payload.length == 0) retained.remove(topic);
            else retained.put(topic, payload.clone());
        }
        for (Client c : clients) c.deliver(topic, payload, false);
    }

    private synchronized void subscribed(Client c, String filter) {
        retained.forEach((t, p) -> { if (matches(filter, t)) c.deliverTo(filter, t, p); });
    }

    private synchronized void disconnect(Client c) { clients.remove(c); }

    /** MQTT topic-filter matching with '+' and '#'. */
    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1), t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
        }
        return f.length == t.length;
    }

    /** One connection to the bus. */
    public final class Client implements Transport {
        private final String name;
        private final Map<String, Handler> subscriptions = new LinkedHashMap<>();
        private final ExecutorService executor;
        private final AtomicLong sent = new AtomicLong(), received = new AtomicLong();
        private volatile boolean closed;

        Client(String name) {
            this.name = name;
            this.executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "bus-" + name));
        }

        @Override
        public void publish(String topic, byte[] payload, boolean retain) throws TransportException {
            if (closed) throw new TransportException(name + " is closed");
            sent.addAndGet(payload.length);
            route(this, topic, payload, retain);
        }

        @Override
        public void subscribe(String filter, Handler handler) {
            synchronized (InMemoryBus.this) {
                subscriptions.put(filter, handler);
                subscribed(this, filter);
            }
        }

        void deliver(String topic, byte[] payload, boolean retain) {
            subscriptions.forEach((f, h) -> { if (matches(f, topic)) submit(h, topic, payload, retain); });
        }

        void deliverTo(String filter, String topic, byte[] payload) {
            submit(subscriptions.get(filter), topic, payload, true);
        }

        private void submit(Handler h, String topic, byte[] payload, boolean retain) {
            if (closed) return;
            byte[] copy = payload.clone();
            received.addAndGet(copy.length);
            executor.execute(() -> {
                try {
                    h.onMessage(topic, copy, retain);
                } catch (Exception e) {
                    System.err.println("bus-" + name + ": handler failed on " + topic + ": " + e);
                }
            });
        }

        @Override
        public Traffic traffic() { return new Traffic(sent.get(), received.get()); }

        @Override
        public void close() {
            closed = true;
            disconnect(this);
            executor.shutdownNow();
        }
    }
}
