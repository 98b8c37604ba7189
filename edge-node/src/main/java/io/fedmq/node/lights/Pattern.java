package io.fedmq.node.lights;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the LEDs show over time: a list of frames, each a set of lit LEDs held for some milliseconds, played once
 * or looped. Pure: asked what is lit at a time since the pattern started, and when that next changes.
 *
 * @param name    for logs and test messages
 * @param frames  at least one; a looping pattern of one frame is solid and never changes
 * @param loops   true to repeat forever, false to play once and then end
 */
public record Pattern(String name, List<Frame> frames, boolean loops) {

    /** Returned by {@link #nextChangeIn} when nothing will ever change. */
    public static final long NEVER = Long.MAX_VALUE;

    /** A set of lit LEDs, held for {@code millis}. */
    public record Frame(Set<Led> lit, long millis) {
        public Frame {
            lit = Set.copyOf(lit);
            if (millis <= 0) throw new IllegalArgumentException("a frame must last at least 1 ms, got " + millis);
        }
    }

    public Pattern {
        Objects.requireNonNull(name, "name");
        frames = List.copyOf(frames);
        if (frames.isEmpty()) throw new IllegalArgumentException("pattern " + name + " has no frames");
    }

    /** Every LED in {@code lit} on, for good. */
    public static Pattern solid(String name, Led... lit) {
        return new Pattern(name, List.of(new Frame(set(lit), 1)), true);
    }

    /** The given LEDs on for {@code onMillis}, then dark for {@code offMillis}, forever. */
    public static Pattern blink(String name, long onMillis, long offMillis, Led... lit) {
        return new Pattern(name, List.of(new Frame(set(lit), onMillis), new Frame(Set.of(), offMillis)), true);
    }

    /** The total length of one play-through. */
    public long period() { return frames.stream().mapToLong(Frame::millis).sum(); }

    /** Whether a play-once pattern is over {@code elapsed} ms after it started; a looping one never is. */
    public boolean isOver(long elapsed) { return !loops && elapsed >= period(); }

    /** The LEDs lit {@code elapsed} ms after the pattern started; none once a play-once pattern is over. */
    public Set<Led> litAt(long elapsed) {
        if (isOver(elapsed)) return Set.of();
        long t = position(elapsed);
        for (Frame f : frames) {
            if (t < f.millis()) return f.lit();
            t -= f.millis();
        }
        throw new AssertionError("position past the period");
    }

    /**
     * Milliseconds from {@code elapsed} until the lit set may change: the end of the current frame, or
     * {@link #NEVER} for a solid pattern or one that is over.
     */
    public long nextChangeIn(long elapsed) {
        if (isOver(elapsed) || (loops && frames.size() == 1)) return NEVER;
        long t = position(elapsed);
        for (Frame f : frames) {
            if (t < f.millis()) return f.millis() - t;
            t -= f.millis();
        }
        throw new AssertionError("position past the period");
    }

    private long position(long elapsed) {
        if (elapsed < 0) throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
        return loops ? elapsed % period() : elapsed;
    }

    private static Set<Led> set(Led... lit) {
        return lit.length == 0 ? Set.of() : EnumSet.of(lit[0], lit);
    }
}
