package io.fedmq.node.lights;

import io.fedmq.node.Learner;
import io.fedmq.node.NodeObserver;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.NodeStatus.State;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows what the node is doing on its status LEDs (see {@link StatusPatterns} for the meaning of each pattern).
 *
 * <p>The node's state picks a looping pattern; a newly accepted model plays a short flash over it. An error
 * lights red and latches it: red stays lit, beside whatever the node goes on to do, until the node next trains
 * or evaluates successfully, because a new round starting does not yet show that the cause has cleared.
 *
 * <p>It wakes only when a pattern next changes and writes only LEDs whose state changes, so a solid LED costs
 * nothing. Callbacks arrive on the node's threads and wake-ups on the scheduler's; one lock orders them. A
 * failing port is logged, never thrown into the node: an LED must not stop a round.
 */
public final class StatusLights implements NodeObserver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusLights.class);

    private final LedPort port;
    private final Scheduler scheduler;
    private final Map<Led, Boolean> shown = new EnumMap<>(Led.class);

    private State state = State.IDLE;
    private long stateSince;
    private long flashSince = -1;
    private long lastAcceptedVersion;
    private boolean errorLatched;
    private boolean closed;
    private boolean portFailed;
    private Scheduler.Cancellable wakeUp;

    /** Starts showing {@code IDLE} at once: the node is up even before it reaches the broker. */
    public StatusLights(LedPort port, Scheduler scheduler) {
        this.port = port;
        this.scheduler = scheduler;
        synchronized (this) {
            stateSince = scheduler.nowMillis();
            refresh();
        }
    }

    @Override
    public synchronized void onState(State newState) {
        if (newState == State.ERROR) errorLatched = true;
        if (newState != state) {
            state = newState;
            stateSince = scheduler.nowMillis();
        }
        refresh();
    }

    @Override
    public synchronized void onTrained(long round, Learner.TrainOutcome outcome) { clearError(); }

    @Override
    public synchronized void onEvaluated(long round, Learner.EvalOutcome outcome) { clearError(); }

    /** Flashes once per new version; the same pointer delivered again after a reconnect stays quiet. */
    @Override
    public synchronized void onAccepted(AcceptedModel model) {
        if (model.version() <= lastAcceptedVersion) return;
        lastAcceptedVersion = model.version();
        flashSince = scheduler.nowMillis();
        refresh();
    }

    /** What the node's state shows now, for logs and tests. */
    public synchronized State state() { return state; }

    public synchronized boolean errorLatched() { return errorLatched; }

    private void clearError() {
        if (!errorLatched) return;
        errorLatched = false;
        refresh();
    }

    /** Puts the current picture on the LEDs and asks to be woken when it next changes. */
    private void refresh() {
        if (closed) return;
        long now = scheduler.nowMillis();
        Pattern base = StatusPatterns.of(state);
        long baseElapsed = now - stateSince;
        Set<Led> lit;
        long next;
        if (flashSince >= 0 && !StatusPatterns.ACCEPTED.isOver(now - flashSince)) {
            long flashElapsed = now - flashSince;
            lit = StatusPatterns.ACCEPTED.litAt(flashElapsed);
            // The flash ends at a frame boundary; when it does, the base pattern resumes where it has got to.
            next = Math.min(StatusPatterns.ACCEPTED.nextChangeIn(flashElapsed), base.nextChangeIn(baseElapsed));
        } else {
            flashSince = -1;
            lit = base.litAt(baseElapsed);
            next = base.nextChangeIn(baseElapsed);
        }
        if (errorLatched) {
            lit = lit.isEmpty() ? EnumSet.noneOf(Led.class) : EnumSet.copyOf(lit);
            lit.add(StatusPatterns.ERROR_LATCH);
        }
        show(lit);
        if (wakeUp != null) wakeUp.cancel();
        wakeUp = next == Pattern.NEVER ? null : scheduler.schedule(this::wake, next);
    }

    private synchronized void wake() { refresh(); }

    private void show(Set<Led> lit) {
        for (Led led : Led.values()) {
            boolean on = lit.contains(led);
            if (Boolean.valueOf(on).equals(shown.get(led))) continue;
            try {
                port.set(led, on);
                shown.put(led, on);
            } catch (RuntimeException e) {
                if (!portFailed) log.warn("status LED {} could not be set: {}", led, e.toString());
                portFailed = true; // say it once, not at every blink
            }
        }
    }

    /** Darkens every LED and releases the port. */
    @Override
    public synchronized void close() {
        if (closed) return;
        show(Set.of());
        closed = true;
        if (wakeUp != null) wakeUp.cancel();
        try {
            port.close();
        } catch (RuntimeException e) {
            log.warn("status LEDs did not close cleanly: {}", e.toString());
        }
    }
}
