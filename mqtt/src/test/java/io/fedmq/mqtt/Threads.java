package io.fedmq.mqtt;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** Thread checks: a closed transport must leave none of its threads (Paho's or ours) behind. */
final class Threads {
    private Threads() {}

    static Set<String> namesContaining(String part) {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().contains(part)) names.add(t.getName());
        }
        return names;
    }

    /** Waits until no live thread has the client id in its name; Paho and fedmq both name threads after it. */
    static void awaitNoneNamedAfter(String clientId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!namesContaining(clientId).isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("threads left behind: " + namesContaining(clientId));
            Thread.sleep(20);
        }
    }
}
