package io.fedmq.mqtt;

/**
 * Whether a transport is connected, and a place to wait until it is: a publish or subscribe made while the
 * transport reconnects waits here, up to its deadline, instead of failing at once.
 */
final class ConnectionGate {
    private boolean connected; // guarded by this

    synchronized void set(boolean value) {
        connected = value;
        notifyAll();
    }

    synchronized boolean isConnected() { return connected; }

    /**
     * Waits until connected, until {@code stop} says to give up (the transport closed), or until the deadline.
     *
     * @return whether it is connected
     */
    synchronized boolean await(long deadlineNanos, java.util.function.BooleanSupplier stop) throws InterruptedException {
        while (!connected && !stop.getAsBoolean()) {
            long ms = Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
            if (ms == 0) return false;
            wait(ms);
        }
        return connected;
    }
}
