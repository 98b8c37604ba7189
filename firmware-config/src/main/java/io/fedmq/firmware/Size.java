package io.fedmq.firmware;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size as the JVM's {@code -Xmx} writes it: a whole number with an optional {@code k}, {@code m} or
 * {@code g} (powers of 1024). Kept to that one spelling so that a size in the config means the same to the
 * JVM, to JavaCPP and to systemd's {@code MemoryMax}.
 *
 * @param bytes the size
 * @param text  as written in canonical form, e.g. {@code 256m}
 */
public record Size(long bytes, String text) {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmg]?)");

    /** @throws IllegalArgumentException with a message saying what a size looks like */
    public static Size parse(String s) {
        Matcher m = SIZE.matcher(s.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("'" + s + "' is not a size: write a whole number with k, m or g, e.g. 256m");
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        if (n == 0) throw new IllegalArgumentException("'" + s + "' is zero");
        return new Size(Math.multiplyExact(n, unit), n + m.group(2));
    }

    /** This size in whole mebibytes, for messages. */
    public String inMiB() { return (bytes >> 20) + " MiB"; }

    @Override
    public String toString() { return text; }
}
