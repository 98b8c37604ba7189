package io.fedmq.node.lights;

/**
 * A clock and a way to be called back later. {@link StatusLights} asks to be woken only when a pattern next
 * changes, so that a solid LED costs no wake-ups at all; tests step a fake one instead of sleeping.
 */
public interface Scheduler {

    /** Milliseconds on a monotonic clock; only differences mean anything. */
    long nowMillis();

    /** Runs {@code task} once, {@code delayMillis} from now, unless cancelled first. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** A pending call. */
    interface Cancellable {
        void cancel();
    }
}
