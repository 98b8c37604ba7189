package io.fedmq.node.lights;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link LedPort} that remembers what each LED shows and every change, with the time it happened. */
final class RecordingLeds implements LedPort {
    record Change(long at, Led led, boolean lit) {}

    private final Scheduler clock;
    private final Map<Led, Boolean> state = new EnumMap<>(Led.class);
    private final List<Change> changes = new ArrayList<>();
    volatile boolean failing;
    boolean closed;

    RecordingLeds(Scheduler clock) { this.clock = clock; }

    @Override
    public synchronized void set(Led led, boolean lit) {
        if (failing) throw new IllegalStateException("GPIO line busy (simulated)");
        state.put(led, lit);
        changes.add(new Change(clock.nowMillis(), led, lit));
    }

    @Override
    public synchronized void close() { closed = true; }

    /** The LEDs lit now. */
    synchronized Set<Led> lit() {
        Set<Led> s = EnumSet.noneOf(Led.class);
        state.forEach((led, on) -> { if (on) s.add(led); });
        return s;
    }

    synchronized List<Change> changes() { return List.copyOf(changes); }

    /** How many times {@code led} went on since time {@code from}. */
    synchronized long turnOns(Led led, long from) {
        return changes.stream().filter(c -> c.at() >= from && c.led() == led && c.lit()).count();
    }
}
