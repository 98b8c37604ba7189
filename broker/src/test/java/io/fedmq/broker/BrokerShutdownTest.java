package io.fedmq.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping must be reliable: HiveMQ's threads are not daemons, so a broker that does not really stop keeps
 * the port and the JVM. These tests start brokers of their own on purpose.
 */
class BrokerShutdownTest {
    @TempDir
    Path folder;

    @Test
    void closeFreesThePortAndTheThreads() throws Exception {
        Set<String> before = nonDaemonThreads();
        int port;
        try (EmbeddedBroker first = new EmbeddedBroker(BrokerConfig.loopback(folder.resolve("first"), 0)).start()) {
            port = first.port();
            assertFalse(nonDaemonThreads().equals(before), "a running HiveMQ has threads of its own");
        }
        try (EmbeddedBroker second = new EmbeddedBroker(BrokerConfig.loopback(folder.resolve("second"), port)).start()) {
            assertEquals(port, second.port());
        }
        assertEventually(() -> nonDaemonThreads().equals(before), Duration.ofSeconds(10),
                () -> "threads left behind: " + difference(nonDaemonThreads(), before));
    }

    @Test
    void refusesATakenPortQuicklyAndClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedBroker broker = new EmbeddedBroker(BrokerConfig.loopback(folder, taken.getLocalPort()));
            long t0 = System.nanoTime();
            BrokerException e = assertThrows(BrokerException.class, broker::start);
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(1).toNanos(), "before HiveMQ even starts");
            assertFalse(broker.isRunning());
            broker.close(); // harmless after a failed start
        }
    }

    private static Set<String> nonDaemonThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isDaemon()) names.add(t.getName());
        }
        return names;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static void assertEventually(java.util.function.BooleanSupplier condition, Duration timeout,
                                         java.util.function.Supplier<String> message) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(message.get());
            Thread.sleep(50);
        }
    }
}
