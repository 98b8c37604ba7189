package io.fedmq.node.lights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} whose clock moves only when a test says so. {@link #advance} runs every task that falls
 * due, in time order, with the clock set to each task's time, so a test sees every frame of a pattern.
 * Tasks run outside this object's lock: they take the lights' lock, which node threads hold while scheduling.
 */
final class ManualScheduler implements Scheduler {
    private long now = 1_000; // not 0: nothing may assume the clock starts there
    private long sequence;
    private final List<Task> pending = new ArrayList<>();

    private final class Task implements Cancellable {
        final long due;
        final long order = sequence++;
        final Runnable run;

        Task(long due, Runnable run) { this.due = due; this.run = run; }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) { pending.remove(this); }
        }
    }

    @Override
    public synchronized long nowMillis() { return now; }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        if (delayMillis < 0) throw new IllegalArgumentException("negative delay " + delayMillis);
        Task t = new Task(now + delayMillis, task);
        pending.add(t);
        return t;
    }

    /** Moves the clock forward by {@code millis}, running what falls due on the way. */
    void advance(long millis) {
        long end;
        synchronized (this) { end = now + millis; }
        while (true) {
            Task next;
            synchronized (this) {
                next = pending.stream().filter(t -> t.due <= end)
                        .min(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    now = end;
                    return;
                }
                pending.remove(next);
                now = next.due;
            }
            next.run.run();
        }
    }

    synchronized int pendingCount() { return pending.size(); }
}
