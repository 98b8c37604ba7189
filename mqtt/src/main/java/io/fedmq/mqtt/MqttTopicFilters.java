package io.fedmq.mqtt;

import java.util.Objects;

/** MQTT topic-filter matching, for routing messages that arrive without a subscription identifier. */
public final class MqttTopicFilters {
    private MqttTopicFilters() {}

    /**
     * Whether a topic matches a filter with '+' (one level) and '#' (this level and all below, including the
     * parent itself: {@code a/#} matches {@code a}). As MQTT requires, a wildcard at the first level does not
     * match topics that start with '$', such as {@code $SYS/...}.
     */
    public static boolean matches(String filter, String topic) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(topic, "topic");
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) return false;
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
        }
        return f.length == t.length;
    }
}
