package io.fedmq.node.lights;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The real {@link Scheduler}: one daemon thread, so that blinking LEDs never keep the JVM alive. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "status-lights");
        t.setDaemon(true);
        return t;
    });

    @Override
    public long nowMillis() { return TimeUnit.NANOSECONDS.toMillis(System.nanoTime()); }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        ScheduledFuture<?> f = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() { executor.shutdownNow(); }
}
