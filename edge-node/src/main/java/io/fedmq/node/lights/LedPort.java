package io.fedmq.node.lights;

/**
 * Where lit or dark LEDs end up: GPIO pins through Pi4J on a Pi, a recording fake in tests. Kept this small so
 * that every pattern decision lives in {@link StatusLights}, which is pure and testable without hardware.
 */
public interface LedPort extends AutoCloseable {

    /** Drives one LED; called only when its state changes. */
    void set(Led led, boolean lit);

    /** Releases the pins, leaving every LED dark. */
    @Override
    default void close() {}
}
