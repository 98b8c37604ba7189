package io.fedmq.app;

import java.time.Duration;
import java.util.Locale;

/** Numbers as people read them. */
final class Format {
    private Format() {}

    static String bytes(long b) {
        if (b < 1024) return b + " B";
        if (b < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
        return String.format(Locale.ROOT, "%.2f MB", b / (1024.0 * 1024));
    }

    static String seconds(Duration d) { return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0); }

    static String number(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
