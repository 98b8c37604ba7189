package io.fedmq.protocol;

import java.util.List;
import java.util.Objects;

/** Boundary checks for the message records' compact constructors. */
final class Checks {
    private Checks() {}

    static long nonNegative(long v, String what) {
        if (v < 0) throw new IllegalArgumentException(what + " must be >= 0, got " + v);
        return v;
    }

    static long positive(long v, String what) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be > 0, got " + v);
        return v;
    }

    static double finite(double v, String what) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " must be finite, got " + v);
        return v;
    }

    static double unit(double v, String what) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(what + " must be in [0, 1], got " + v);
        return v;
    }

    static <T> T notNull(T v, String what) {
        return Objects.requireNonNull(v, what + " is required");
    }

    static String hash(String h, String what) {
        notNull(h, what);
        if (!h.matches("[0-9a-f]{64}")) throw new IllegalArgumentException(what + " must be 64 hex digits");
        return h;
    }

    static List<String> names(List<String> names, String what) {
        notNull(names, what);
        for (String n : names) Topics.requireName(n, what + " entry");
        return List.copyOf(names);
    }
}
