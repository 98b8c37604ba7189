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

    static Blob bytes(Blob b, int size, String what) {
        notNull(b, what);
        if (b.size() != size) throw new IllegalArgumentException(what + " must be " + size + " bytes, got " + b.size());
        return b;
    }

    /** A copy sorted by key, every key a valid node name, no null values. */
    static java.util.SortedMap<String, Blob> nameMap(java.util.Map<String, Blob> map, String what) {
        notNull(map, what);
        var out = new java.util.TreeMap<String, Blob>();
        map.forEach((k, v) -> out.put(Topics.requireName(k, what + " key"), notNull(v, what + " value")));
        return java.util.Collections.unmodifiableSortedMap(out);
    }

    static List<String> names(List<String> names, String what) {
        notNull(names, what);
        for (String n : names) Topics.requireName(n, what + " entry");
        return List.copyOf(names);
    }
}
