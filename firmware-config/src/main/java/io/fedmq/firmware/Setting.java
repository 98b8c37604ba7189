package io.fedmq.firmware;

import java.util.Objects;

/**
 * One {@code key = value}, with where it came from, so that every message can point at the line to fix.
 *
 * @param key   e.g. {@code leds.red}
 * @param value trimmed, never empty
 * @param where e.g. {@code /etc/fedmq/fedmq-node.conf:12} or {@code --broker}
 */
public record Setting(String key, String value, String where) {
    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(where, "where");
    }
}
